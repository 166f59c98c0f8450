import { useEffect, useRef, type ReactNode } from 'react';

/**
 * The page's one h1. It names the browser tab too, and takes focus when the page
 * opens, so a screen reader announces where a link led.
 */
export function PageHeading({ children, title }: { children: ReactNode; title: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · Praxis`;
  }, [title]);
  useEffect(() => {
    ref.current?.focus({ preventScroll: true });
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1} className="page-heading">
      {children}
    </h1>
  );
}
