import { useNavigate } from 'react-router';
import { FormError } from '../../../components/fields';
import { errorSentence } from '../../../api/problem';
import { useSignOutEverywhere } from '../queries/account-query';

export function SignOutEverywhere() {
  const end = useSignOutEverywhere();
  const navigate = useNavigate();
  return (
    <section aria-labelledby="everywhere-heading" className="account-section">
      <h2 id="everywhere-heading">Sessions</h2>
      <p>
        Left Praxis open on another computer? This ends every session of yours, on every device,
        this one too. Your API keys keep working.
      </p>
      <FormError message={end.error ? errorSentence(end.error) : null} />
      <button
        type="button"
        className="button secondary"
        disabled={end.isPending}
        onClick={() =>
          end.mutate(undefined, {
            onSuccess: () => void navigate('/sign-in?ended=everywhere', { replace: true }),
          })
        }
      >
        Sign out everywhere
      </button>
    </section>
  );
}
