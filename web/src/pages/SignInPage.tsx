import { useState, type FormEvent } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { ApiError, errorSentence } from '../api/problem';
import { PageHeading } from '../components/PageHeading';
import { useMe, useSignIn } from '../features/session/queries/session-query';

/** Only paths inside the app: never send a person on to another site after sign-in. */
function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.includes('\\')) return '/';
  try {
    return new URL(next, window.location.origin).origin === window.location.origin ? next : '/';
  } catch {
    return '/';
  }
}

/** Why the person is back here after ending their own sessions (fixed sentences, never echoed). */
const ENDED: Record<string, string> = {
  password:
    'Your password is changed and every session of yours has ended. Sign in with the new password.',
  everywhere: 'You are signed out everywhere. Sign in again to continue.',
};

export function SignInPage() {
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const endedWhy = params.get('ended');
  const ended = endedWhy && Object.hasOwn(ENDED, endedWhy) ? ENDED[endedWhy] : null;
  const me = useMe();
  const signIn = useSignIn();
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  if (me.data) return <Navigate to={next} replace />;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    signIn.mutate({ email, password }, { onSuccess: () => void navigate(next, { replace: true }) });
  };
  const error = signIn.error;
  const message =
    error instanceof ApiError && error.status === 401
      ? 'The e-mail or password is not correct.'
      : error
        ? errorSentence(error)
        : null;

  return (
    <main id="main" className="sign-in">
      <div className="sign-in-card">
        <p className="brand brand-large" aria-hidden="true">
          Praxis
        </p>
        <PageHeading title="Sign in">Sign in</PageHeading>
        <p className="muted">Document control: read, sign and improve your procedures.</p>
        {ended && !message && (
          <p className="alert alert-info" role="status">
            {ended}
          </p>
        )}
        {message && (
          <p className="alert alert-error" role="alert">
            {message}
          </p>
        )}
        <form onSubmit={submit} className="form">
          <div className="field">
            <label htmlFor="email">Email</label>
            <input
              id="email"
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="password">Password</label>
            <input
              id="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          </div>
          <button type="submit" className="button primary" disabled={signIn.isPending}>
            {signIn.isPending ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
      </div>
    </main>
  );
}
