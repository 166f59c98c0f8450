import { useState } from 'react';
import { sessionEnded } from '../api/client';
import { toApiError, errorSentence } from '../api/problem';

function fileName(res: Response, fallback: string): string {
  const cd = res.headers.get('content-disposition') ?? '';
  const m = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(cd);
  return m ? decodeURIComponent(m[1]) : fallback;
}

/**
 * Downloads a file from the API with the session cookie. A failure is said in a
 * sentence beside the button, never shown as the API's JSON in the browser.
 */
export function DownloadButton({
  path,
  label,
  fallbackName,
  accept,
  className = 'button secondary',
}: {
  path: string;
  label: string;
  fallbackName: string;
  /** The Accept header, for endpoints that answer JSON unless asked for another type. */
  accept?: string;
  className?: string;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const download = async () => {
    setBusy(true);
    setError(null);
    try {
      const res = await fetch(`/api/v1${path}`, {
        credentials: 'same-origin',
        headers: accept ? { Accept: accept } : undefined,
      });
      if (!res.ok) {
        if (res.status === 401) sessionEnded();
        throw await toApiError(res);
      }
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement('a');
      a.href = url;
      a.download = fileName(res, fallbackName);
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (err) {
      setError(errorSentence(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="download">
      <button type="button" className={className} disabled={busy} onClick={() => void download()}>
        {busy ? `${label}…` : label}
      </button>
      {error && (
        <span className="inline-error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
