import { useId, useRef, useState } from 'react';

/**
 * A new API key, shown this once. Copy puts it on the clipboard; where the clipboard is
 * not available (plain http, an old browser) the key is selected in its readonly field,
 * ready for Ctrl+C.
 */
export function KeyShownOnce({ value }: { value: string }) {
  const id = useId();
  const field = useRef<HTMLInputElement>(null);
  const [said, setSaid] = useState('');

  const select = () => {
    field.current?.focus();
    field.current?.select();
  };
  const copy = async () => {
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(value);
      setSaid('Copied to the clipboard.');
    } catch {
      select();
      setSaid('The key is selected: press Ctrl+C (or ⌘C) to copy it.');
    }
  };

  return (
    <div className="key-once">
      <p className="alert alert-info">
        Copy this key now. It is shown only once: Praxis keeps only a hash of it.
      </p>
      <div className="field">
        <label htmlFor={id}>New API key</label>
        <div className="key-once-row">
          <input
            id={id}
            ref={field}
            readOnly
            value={value}
            className="key-once-value"
            spellCheck={false}
            onFocus={(e) => e.currentTarget.select()}
          />
          <button type="button" className="button secondary" onClick={() => void copy()}>
            Copy key
          </button>
        </div>
      </div>
      <p role="status" className="hint">
        {said}
      </p>
    </div>
  );
}
