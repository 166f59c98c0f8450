import { formatDateTime } from '../../../components/format';
import type { TimelineEntry } from '../queries/proposals-query';
import { STATUS_LABEL } from './proposal-labels';

/** Every transition and comment, oldest first, as the API gives them. */
export function Timeline({ entries }: { entries: TimelineEntry[] }) {
  if (entries.length === 0) return <p className="meta">Nothing has happened yet.</p>;
  return (
    <ol className="timeline">
      {entries.map((e) => (
        <li key={e.id} className={`timeline-entry timeline-${e.type}`}>
          <p className="timeline-head">
            <strong>{e.actorName ?? 'Praxis'}</strong>{' '}
            {e.type === 'transition' && e.from && e.to
              ? `moved it from ${STATUS_LABEL[e.from]} to ${STATUS_LABEL[e.to]}`
              : 'commented'}{' '}
            <span className="meta">
              <time dateTime={e.at}>{formatDateTime(e.at)}</time>
            </span>
          </p>
          {(e.type === 'transition' ? e.comment : e.body) && (
            <p className="timeline-text">{e.type === 'transition' ? e.comment : e.body}</p>
          )}
        </li>
      ))}
    </ol>
  );
}
