import { useEffect, useRef } from 'react';
import { errorSentence } from '../api/problem';
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { useSummary } from '../features/home/queries/summary-query';
import {
  hasRole,
  READ_ALL_ROLES,
  SIGNING_ROLES,
  useMe,
  useSignOut,
} from '../features/session/queries/session-query';

/** The frame of every signed-in page: skip link, header with navigation, main landmark. */
export function Layout() {
  const { data: me } = useMe();
  const summary = useSummary();
  const signOut = useSignOut();
  const navigate = useNavigate();
  const unread = summary.data?.notifications.unread ?? 0;
  const navList = useRef<HTMLUListElement>(null);
  const { pathname } = useLocation();

  // On a phone the links are one row that scrolls sideways: keep the current page's link in
  // sight (on Notifications, say, it would start off screen). Nothing moves where they fit.
  useEffect(() => {
    const list = navList.current;
    const current = list?.querySelector('a[aria-current="page"]');
    if (!list || !current) return;
    const row = list.getBoundingClientRect();
    const link = current.getBoundingClientRect();
    if (link.right > row.right) list.scrollLeft += link.right - row.right + 16;
    else if (link.left < row.left) list.scrollLeft -= row.left - link.left + 16;
  }, [pathname, me, unread]);

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <div className="app-header-inner">
          <NavLink to="/" className="brand">
            Praxis
          </NavLink>
          <nav aria-label="Main" className="main-nav">
            <ul ref={navList}>
              <li>
                <NavLink to="/" end>
                  Home
                </NavLink>
              </li>
              <li>
                <NavLink to="/reading">My reading</NavLink>
              </li>
              <li>
                <NavLink to="/documents">Documents</NavLink>
              </li>
              {hasRole(me, SIGNING_ROLES) && (
                <li>
                  <NavLink to="/signing">Awaiting my signature</NavLink>
                </li>
              )}
              {/* everyone sees proposals: their own, or (leads, auditors) all of them */}
              <li>
                <NavLink to="/proposals">Proposals</NavLink>
              </li>
              {hasRole(me, READ_ALL_ROLES) && (
                <>
                  <li>
                    <NavLink to="/training">Training</NavLink>
                  </li>
                  <li>
                    <NavLink to="/audit">Audit trail</NavLink>
                  </li>
                </>
              )}
              <li>
                <NavLink to="/notifications" aria-describedby={unread ? 'unread-count' : undefined}>
                  Notifications
                  {unread > 0 && (
                    <span className="badge" aria-hidden="true">
                      {unread}
                    </span>
                  )}
                </NavLink>
                {unread > 0 && (
                  <span id="unread-count" className="visually-hidden">
                    {unread} unread
                  </span>
                )}
              </li>
              {hasRole(me, ['admin']) && (
                <li>
                  <NavLink to="/admin">Administration</NavLink>
                </li>
              )}
            </ul>
          </nav>
          <div className="user-menu">
            <NavLink to="/account" className="user-name">
              {me?.name}
              <span className="visually-hidden"> (your account)</span>
            </NavLink>
            <button
              type="button"
              className="button link"
              disabled={signOut.isPending}
              onClick={() =>
                signOut.mutate(undefined, { onSuccess: () => void navigate('/sign-in') })
              }
            >
              Sign out
            </button>
            {signOut.isError && (
              <span className="inline-error" role="alert">
                Not signed out: {errorSentence(signOut.error)}
              </span>
            )}
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}
