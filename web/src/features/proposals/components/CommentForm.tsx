import { useState, type FormEvent } from 'react';
import { errorSentence } from '../../../api/problem';
import { FormError, TextArea } from '../../../components/fields';
import { useComment } from '../queries/proposal-actions';

/** Comment on the proposal; the commenter follows it from then on. */
export function CommentForm({ proposalId }: { proposalId: string }) {
  const [text, setText] = useState('');
  const comment = useComment(proposalId);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) return;
    comment.mutate(text, { onSuccess: () => setText('') });
  };
  return (
    <form className="form comment-form" onSubmit={submit}>
      <FormError message={comment.error ? errorSentence(comment.error) : null} />
      <TextArea
        label="Comment"
        hint="Everyone following this proposal is told."
        rows={3}
        required
        maxLength={10000}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <div>
        <button
          type="submit"
          className="button secondary"
          disabled={comment.isPending || !text.trim()}
        >
          Add comment
        </button>
      </div>
    </form>
  );
}
