import { useState, type FormEvent } from 'react';
import { errorSentence } from '../../../api/problem';
import { Dialog } from '../../../components/Dialog';
import { DialogSubmit, FormError, TextArea, TextField } from '../../../components/fields';
import type { Assignment } from '../../reading/queries/assignments-query';
import { useAcknowledge, useRaiseProposal } from '../queries/document-actions';
import type { TocEntry } from './toc';

/**
 * "This is not how we work": with an open assignment it acknowledges and opens a
 * practice-deviation proposal in one step (the API does both); without one it
 * raises the proposal alone.
 */
export function DeviationDialog({
  documentId,
  documentNumber,
  revisionId,
  assignment,
  onSent,
}: {
  documentId: string;
  documentNumber: string;
  revisionId: string;
  assignment: Assignment | undefined;
  onSent: (message: string) => void;
}) {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const ack = useAcknowledge(revisionId);
  const raise = useRaiseProposal();
  const viaAck = !!assignment && assignment.status !== 'done' && !assignment.requireSignature;
  const pending = ack.isPending || raise.isPending;
  const error = ack.error ?? raise.error;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const done = () => {
      setOpen(false);
      setText('');
      onSent(
        'Thank you. Your report was sent to the quality team as a practice-deviation proposal.',
      );
    };
    if (viaAck) ack.mutate({ practiceMatches: false, comment: text }, { onSuccess: done });
    else
      raise.mutate(
        {
          documentId,
          kind: 'practice_deviation',
          title: `Practice differs from ${documentNumber}`,
          description: text,
        },
        { onSuccess: done },
      );
  };

  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (!o) {
          ack.reset();
          raise.reset();
        }
      }}
      title="Does not match how we work"
      description="Tell the quality team where the written procedure and real practice differ. They will review it."
      trigger={
        <button type="button" className="button secondary">
          Does not match how we work
        </button>
      }
    >
      <form onSubmit={submit} className="form">
        <FormError message={error ? errorSentence(error) : null} />
        <TextArea
          label="What is different?"
          required
          maxLength={10000}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <DialogSubmit label="Send" pending={pending || !text.trim()} />
      </form>
    </Dialog>
  );
}

export function ImprovementDialog({
  documentId,
  sections,
  onSent,
}: {
  documentId: string;
  sections: TocEntry[];
  onSent: (message: string) => void;
}) {
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [section, setSection] = useState('');
  const raise = useRaiseProposal();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    raise.mutate(
      {
        documentId,
        kind: 'improvement',
        title,
        description,
        ...(section ? { section } : {}),
      },
      {
        onSuccess: (p) => {
          setOpen(false);
          setTitle('');
          setDescription('');
          setSection('');
          onSent(`Thank you. Your proposal ${p.number} was submitted.`);
        },
      },
    );
  };

  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (!o) raise.reset();
      }}
      title="Suggest an improvement"
      description="Propose a change to this procedure. The quality team triages every proposal."
      trigger={
        <button type="button" className="button secondary">
          Suggest an improvement
        </button>
      }
    >
      <form onSubmit={submit} className="form">
        <FormError message={raise.error ? errorSentence(raise.error) : null} />
        <TextField
          label="Title"
          required
          maxLength={200}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
        />
        <TextArea
          label="Description"
          required
          maxLength={10000}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
        />
        {sections.length > 0 && (
          <div className="field">
            <label htmlFor="proposal-section">Section</label>
            <select
              id="proposal-section"
              value={section}
              onChange={(e) => setSection(e.target.value)}
            >
              <option value="">The whole procedure</option>
              {sections.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.text}
                </option>
              ))}
            </select>
          </div>
        )}
        <DialogSubmit label="Submit proposal" pending={raise.isPending} />
      </form>
    </Dialog>
  );
}
