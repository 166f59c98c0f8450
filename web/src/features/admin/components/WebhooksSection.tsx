import { useState } from 'react';
import { formatDateTime } from '../../../components/format';
import { Empty, ErrorState, Loading } from '../../../components/states';
import { useDeliveries, useWebhooks, type Webhook } from '../queries/webhooks-query';
import { CreateWebhookDialog, DeleteWebhookDialog } from './WebhookDialogs';

const DELIVERY_STATUS: Record<string, { label: string; className: string }> = {
  delivered: { label: 'Delivered', className: 'status status-approved' },
  pending: { label: 'Pending', className: 'status status-draft' },
  failed: { label: 'Failed', className: 'status status-obsolete' },
};

export function WebhooksSection() {
  const q = useWebhooks();
  return (
    <section aria-labelledby="webhooks-heading" className="admin-section">
      <h2 id="webhooks-heading">Webhooks</h2>
      <div className="actions">
        <CreateWebhookDialog />
      </div>
      {q.isPending && <Loading what="Webhooks" />}
      {q.isError && <ErrorState error={q.error} onRetry={() => void q.refetch()} />}
      {q.isSuccess && q.data.length === 0 && (
        <Empty>
          <p>No webhooks. Create one to tell another system when, say, a revision takes effect.</p>
        </Empty>
      )}
      {q.data && q.data.length > 0 && (
        <ul className="card-list">
          {q.data.map((w) => (
            <WebhookRow key={w.id} webhook={w} />
          ))}
        </ul>
      )}
    </section>
  );
}

function WebhookRow({ webhook }: { webhook: Webhook }) {
  const [open, setOpen] = useState(false);
  const panelId = `deliveries-${webhook.id}`;
  return (
    <li className="card-row stacked webhook">
      <div className="card-row-main">
        <span className="card-row-title webhook-url">{webhook.url}</span>
        <span className="meta">
          Events: {webhook.events.join(', ')} · created {formatDateTime(webhook.createdAt)}
          {!webhook.active && ' · inactive'}
        </span>
      </div>
      <div className="row-actions">
        <button
          type="button"
          className="button secondary"
          aria-expanded={open}
          aria-controls={panelId}
          onClick={() => setOpen(!open)}
        >
          Recent deliveries
        </button>
        <DeleteWebhookDialog webhook={webhook} />
      </div>
      <div id={panelId} hidden={!open} className="deliveries">
        {open && <Deliveries id={webhook.id} />}
      </div>
    </li>
  );
}

function Deliveries({ id }: { id: string }) {
  const q = useDeliveries(id, true);
  if (q.isPending) return <Loading what="Deliveries" />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  if (q.data.length === 0)
    return (
      <Empty>
        <p>Nothing delivered yet.</p>
      </Empty>
    );
  return (
    <div className="table-wrap" role="region" aria-label="Delivery list" tabIndex={0}>
      <table className="table">
        <caption className="visually-hidden">Recent deliveries, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Event</th>
            <th scope="col">Status</th>
            <th scope="col">Attempts</th>
            <th scope="col">Last answer</th>
            <th scope="col">Queued</th>
          </tr>
        </thead>
        <tbody>
          {q.data.map((d) => {
            const s = DELIVERY_STATUS[d.status] ?? { label: d.status, className: 'status' };
            return (
              <tr key={d.id}>
                <td>
                  <code>{d.type}</code>
                </td>
                <td>
                  <span className={s.className}>{s.label}</span>
                  {d.status === 'pending' && d.nextAttemptAt && (
                    <span className="meta"> next try {formatDateTime(d.nextAttemptAt)}</span>
                  )}
                </td>
                <td>{d.attempts}</td>
                <td>{d.lastStatusCode ? `HTTP ${d.lastStatusCode}` : (d.lastError ?? '—')}</td>
                <td>{formatDateTime(d.createdAt)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
