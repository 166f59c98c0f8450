import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { errorSentence } from '../api/problem';

/** Loading: a polite live region, so screen readers hear it once. */
export function Loading({ what, standalone }: { what: string; standalone?: boolean }) {
  const body = (
    <p className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> Loading {what.toLowerCase()}…
    </p>
  );
  return standalone ? <main className="standalone">{body}</main> : body;
}

/** An error as a sentence, never JSON or a stack trace, with a way to try again. */
export function ErrorState({
  error,
  onRetry,
  standalone,
}: {
  error: unknown;
  onRetry?: () => void;
  standalone?: boolean;
}) {
  const body = (
    <div className="state state-error" role="alert">
      <p>{errorSentence(error)}</p>
      {onRetry && (
        <button type="button" className="button secondary" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
  return standalone ? <main className="standalone">{body}</main> : body;
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="state state-empty">{children}</div>;
}

/** A page the person's roles do not open: say so and offer a way on, never a blank page. */
export function NotAllowed({ who }: { who: string }) {
  return (
    <div className="state state-empty" role="status">
      <p>
        <strong>This page is not for your role.</strong> It is for {who}.
      </p>
      <p>
        <Link to="/">Go to Home</Link>
      </p>
    </div>
  );
}
