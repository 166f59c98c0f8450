import { stringify } from 'csv-stringify/sync';
import { AuditRecord, auditJsonLine } from '../../audit/audit-hash';
import { RevisionResponse } from '../../documents/dto/document.dto';

/** Window bounds as ISO strings; null is open. */
export interface Window {
  from: string | null;
  to: string | null;
}

export const inWindow = (at: string, w: Window) =>
  (w.from === null || at >= w.from) && (w.to === null || at < w.to);

/** A revision was in play in the window: created before its end, not retired before its start. */
export function revisionInWindow(r: RevisionResponse, w: Window): boolean {
  const ended = r.supersededAt ?? r.obsoletedAt;
  return (
    (w.to === null || r.createdAt < w.to) && (w.from === null || ended === null || ended >= w.from)
  );
}

/** `revisions/03-1.1` — the order in the pack first, so a listing sorts by history. */
export function revisionBaseName(r: Pick<RevisionResponse, 'label' | 'id'>, index: number): string {
  const label = r.label ?? `draft-${r.id.slice(0, 8)}`;
  return `${String(index + 1).padStart(3, '0')}-${label.replace(/[^A-Za-z0-9._-]+/g, '-')}`;
}

export const ACK_COLUMNS = [
  'revisionId',
  'revisionLabel',
  'acknowledgementId',
  'userId',
  'userName',
  'acknowledgedAt',
  'contentSha256',
  'signed',
  'practiceMatches',
  'comment',
  'proposalId',
] as const;

export interface AckRow {
  id: string;
  userId: string;
  userName: string;
  revisionId: string;
  acknowledgedAt: string;
  contentSha256: string;
  signed: boolean;
  practiceMatches: boolean;
  comment: string | null;
  proposalId?: string | null;
}

export const ackCsvHeader = () => stringify([], { header: true, columns: [...ACK_COLUMNS] });

export function ackCsvLines(rows: AckRow[], label: string | null): string {
  return stringify(
    rows.map((a) => ({
      revisionId: a.revisionId,
      revisionLabel: label ?? '',
      acknowledgementId: a.id,
      userId: a.userId,
      userName: a.userName,
      acknowledgedAt: a.acknowledgedAt,
      contentSha256: a.contentSha256,
      signed: String(a.signed),
      practiceMatches: String(a.practiceMatches),
      comment: a.comment ?? '',
      proposalId: a.proposalId ?? '',
    })),
    { columns: [...ACK_COLUMNS] },
  );
}

/** Events as the JSONL export writes them, in ~64 KiB chunks. */
export async function* jsonlChunks(batches: AsyncIterable<AuditRecord[]>): AsyncGenerator<string> {
  let chunk = '';
  for await (const batch of batches) {
    for (const e of batch) {
      chunk += auditJsonLine(e);
      if (chunk.length >= 65536) {
        yield chunk;
        chunk = '';
      }
    }
  }
  if (chunk) yield chunk;
}
