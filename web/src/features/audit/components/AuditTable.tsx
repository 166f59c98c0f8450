import { Fragment, useState } from 'react';
import { formatDateTime } from '../../../components/format';
import type { AuditEvent } from '../queries/audit-query';

const short = (id: string | null) => (id ? id.slice(0, 8) : '—');

/** Events newest first; each row opens to show its data pretty-printed, and its hashes. */
export function AuditTable({ events }: { events: AuditEvent[] }) {
  const [open, setOpen] = useState<Set<string>>(new Set());
  const toggle = (id: string) =>
    setOpen((s) => {
      const next = new Set(s);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  return (
    <div className="table-wrap" role="region" aria-label="Audit events" tabIndex={0}>
      <table className="table audit-table">
        <thead>
          <tr>
            <th scope="col">Seq</th>
            <th scope="col">Time</th>
            <th scope="col">Action</th>
            <th scope="col">Entity</th>
            <th scope="col">Actor</th>
            <th scope="col">Data</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => {
            const isOpen = open.has(e.id);
            const detailId = `event-${e.id}`;
            return (
              <Fragment key={e.id}>
                <tr>
                  <th scope="row">{e.seq}</th>
                  <td className="nowrap">{formatDateTime(e.occurredAt)}</td>
                  <td>
                    <code>{e.action}</code>
                  </td>
                  <td>
                    {e.entityType} <span className="meta mono">{short(e.entityId)}</span>
                  </td>
                  <td>
                    {e.actorType} <span className="meta mono">{short(e.actorId)}</span>
                  </td>
                  <td>
                    <button
                      type="button"
                      className="link-button"
                      aria-expanded={isOpen}
                      aria-controls={isOpen ? detailId : undefined}
                      onClick={() => toggle(e.id)}
                    >
                      {isOpen ? 'Hide' : 'Show'}
                      <span className="visually-hidden"> event {e.seq}</span>
                    </button>
                  </td>
                </tr>
                {isOpen && (
                  <tr id={detailId} className="event-detail">
                    <td colSpan={6}>
                      <dl className="event-ids">
                        <div>
                          <dt>Entity ID</dt>
                          <dd className="mono">{e.entityId ?? '—'}</dd>
                        </div>
                        <div>
                          <dt>Actor ID</dt>
                          <dd className="mono">{e.actorId ?? '—'}</dd>
                        </div>
                        <div>
                          <dt>Hash</dt>
                          <dd className="mono">{e.hash}</dd>
                        </div>
                      </dl>
                      <pre
                        className="event-data"
                        tabIndex={0}
                        aria-label={`Data of event ${e.seq}`}
                      >
                        {JSON.stringify(e.data, null, 2)}
                      </pre>
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
