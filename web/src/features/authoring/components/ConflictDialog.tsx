import * as RadixDialog from '@radix-ui/react-dialog';
import type { DraftFields } from '../queries/authoring-query';

/**
 * Someone else saved first (412). Both versions side by side; nothing is lost until the
 * author chooses: keep theirs (their text replaces the editor's) or keep mine (saved over
 * theirs). Closing keeps the author's text in the editor, unsaved.
 */
export function ConflictDialog({
  open,
  onOpenChange,
  mine,
  theirs,
  busy,
  onKeepMine,
  onTakeTheirs,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  mine: DraftFields;
  theirs: DraftFields | null;
  busy: boolean;
  onKeepMine: () => void;
  onTakeTheirs: () => void;
}) {
  return (
    <RadixDialog.Root open={open} onOpenChange={onOpenChange}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="dialog-overlay" />
        <RadixDialog.Content className="dialog dialog-wide">
          <RadixDialog.Title className="dialog-title">
            Someone else saved this draft first
          </RadixDialog.Title>
          <RadixDialog.Description className="dialog-description">
            Your text is still in the editor. Choose which version to keep.
          </RadixDialog.Description>
          <div className="conflict-versions">
            <section aria-labelledby="conflict-theirs">
              <h3 id="conflict-theirs">Their version (saved)</h3>
              <pre className="conflict-text" tabIndex={0} aria-labelledby="conflict-theirs">
                {theirs?.body ?? 'Loading…'}
              </pre>
            </section>
            <section aria-labelledby="conflict-mine">
              <h3 id="conflict-mine">Your version (not saved)</h3>
              <pre className="conflict-text" tabIndex={0} aria-labelledby="conflict-mine">
                {mine.body}
              </pre>
            </section>
          </div>
          <div className="actions">
            <button
              type="button"
              className="button primary"
              disabled={busy || !theirs}
              onClick={onKeepMine}
            >
              Keep mine and overwrite
            </button>
            <button
              type="button"
              className="button secondary"
              disabled={busy || !theirs}
              onClick={onTakeTheirs}
            >
              Take theirs
            </button>
            <RadixDialog.Close className="button link">Decide later</RadixDialog.Close>
          </div>
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}
