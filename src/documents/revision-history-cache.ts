import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { ChangeListener } from '../database/change-listener';
import { CoherentCache } from '../database/coherent-cache';

/** The channel the database's triggers notify (migration 1766900000000-document-change-notify). */
export const DOCUMENTS_CHANNEL = 'praxis_documents';

/** The longest a page is kept: it bounds what a lost notification could cost. */
const PAGE_TTL_MS = 60_000;

/**
 * Pages of revision history (GET /documents/:id/revisions) as the JSON text answered, per
 * document, kind of reader and page: every staff member's page view of a procedure asks
 * for it, and it changes only when a revision or signature of the document does.
 * Correct across instances: triggers on revisions and signatures send NOTIFY
 * praxis_documents with the document's id when they commit, every instance's
 * ChangeListener hands that here, and a page is served only after a round trip on the
 * listening connection that started after the request arrived (CoherentCache) — so a
 * revision that went effective, was superseded or was signed before the request was sent
 * is always in the answer. What a reader without a read-all role sees also depends on their
 * acknowledgements (the superseded revisions they acknowledged), but only through a
 * revision's status: a revision is acknowledged only while it is effective, which every
 * reader sees, and it is superseded only after the acknowledgements it holds committed
 * (AcknowledgementsService), and superseding it notifies.
 *
 * At most 16 M characters of JSON (a five-revision page with its signatures is ~5.5 K) in 5,000 pages, each kept
 * at most a minute: that bounds what a lost notification could cost.
 */
@Injectable()
export class RevisionHistoryCache implements OnModuleDestroy {
  private readonly cache: CoherentCache<string>;

  constructor(listener: ChangeListener) {
    this.cache = new CoherentCache<string>(listener, {
      channel: DOCUMENTS_CHANNEL,
      max: 5_000,
      maxSize: 16_000_000,
      sizeOf: (json) => json.length,
      ttlMs: PAGE_TTL_MS,
    });
  }

  onModuleDestroy(): void {
    this.cache.close();
  }

  /**
   * The page `key` of `documentId`'s history: kept, or made by `load` (which throws when
   * there is no such page to see, and is then not kept); `since`, the request's mark
   * (ChangeListener.synced).
   */
  async page(
    documentId: string,
    key: string,
    load: () => Promise<string>,
    since?: number,
  ): Promise<string> {
    const json = await this.cache.get(
      `${documentId} ${key}`,
      async () => ({ value: await load(), group: documentId, ttlMs: PAGE_TTL_MS }),
      since,
    );
    return json!;
  }
}
