import { useNavigate } from 'react-router';
import { formatDateTime } from '../../../components/format';
import { useDocument } from '../../documents/queries/documents-query';
import { useMarkRead, type Notification } from '../queries/notifications-query';
import { describe } from './describe';

function DocumentTitle({ id }: { id: string }) {
  const doc = useDocument(id);
  return <>{doc.data ? doc.data.title : 'A procedure'}</>;
}

/** Opening a notification marks it read, then goes to what it is about. */
export function NotificationItem({ n }: { n: Notification }) {
  const navigate = useNavigate();
  const markRead = useMarkRead();
  const { text, to, documentId } = describe(n);
  const unread = !n.readAt;
  const open = () => {
    const go = () => {
      if (to) void navigate(to);
    };
    if (unread) markRead.mutate(n.id, { onSettled: go });
    else go();
  };
  return (
    <li className={`card-row ${unread ? 'is-unread' : ''}`}>
      <div className="card-row-main">
        <button type="button" className="link-button card-row-title" onClick={open}>
          {documentId && text[0] === text[0].toLowerCase() ? (
            <>
              <DocumentTitle id={documentId} /> {text}
            </>
          ) : (
            text
          )}
        </button>
        <span className="meta">
          <time dateTime={n.createdAt}>{formatDateTime(n.createdAt)}</time>
        </span>
      </div>
      <div className="card-row-side">
        {unread ? (
          <span className="status status-info">Unread</span>
        ) : (
          <span className="meta">Read</span>
        )}
      </div>
    </li>
  );
}
