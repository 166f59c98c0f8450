import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, QueryFailedError } from 'typeorm';
import { Gate } from '../common/gate';
import { ProblemException } from '../common/problem';
import { APP_CONFIG, AppConfig } from '../config/config';
import { RevisionSearchHit, searchEffectiveRevisionsSql } from '../documents/revision-search.sql';
import type { SearchResults } from './search.controller';

const START = '\u0001';
const STOP = '\u0002';
// ts_headline replaces whatever parses as an XML tag ("<b>") with a space, so the
// body goes in with < and > as these two, and they come back escaped.
const LT = '\u0003';
const GT = '\u0004';
/** translate(): < and > become LT and GT; the four control characters are dropped from the body. */
const HEADLINE_FROM = `<>${START}${STOP}${LT}${GT}`;
const HEADLINE_TO = `${LT}${GT}`;
/**
 * ts_headline parses all the text it is given: snippets come from the first this many
 * characters of a body (a match further in still finds and ranks the document).
 */
export const HEADLINE_MAX_CHARS = 100_000;
/** Searches per instance that may hold a database connection at once, as a share of the pool. */
const SEARCH_SHARE_OF_POOL = 1 / 4;
/** Searches that may wait for a turn, per search slot, before the next gets 503. */
const WAITING_PER_SLOT = 8;
const QUERY_CANCELED = '57014';

function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

const busy = (detail: string, code: string, retryAfter: number) =>
  new ProblemException(503, code, detail, { headers: { 'Retry-After': String(retryAfter) } });

/**
 * PostgreSQL full-text search over effective revisions: a GIN-indexed tsvector
 * (title weight A, body weight B, English stemming) written when a revision
 * becomes effective. Snippets come from ts_headline with control-character
 * markers, are HTML-escaped, and only then get their <mark> tags (and their
 * escaped < and >, which ts_headline would otherwise drop with any "tag").
 *
 * Search is the one read whose cost a caller can make large, so it is fenced: only
 * the page's rows get a headline, over a bounded prefix of the body; each search runs
 * under a statement timeout (503 search-timeout past it); and at most a quarter of the
 * connection pool serves searches, the rest wait in a bounded queue (503 search-busy
 * past it), so that sign-ins and everything else always find a connection.
 */
@Injectable()
export class SearchService {
  private readonly gate: Gate;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    const poolSize = (ds.options.extra as { max?: number } | undefined)?.max ?? 10;
    const slots = Math.max(1, Math.floor(poolSize * SEARCH_SHARE_OF_POOL));
    this.gate = new Gate(slots, slots * WAITING_PER_SLOT);
  }

  async find(q: string, limit: number): Promise<SearchResults> {
    const rows = await this.gate.tryRun(() => this.query(q, limit));
    if (rows === Gate.FULL)
      throw busy('Too many searches are running; try again in a moment', 'search-busy', 1);
    return {
      items: rows.map((r) => ({
        documentId: r.document_id,
        documentNumber: r.number,
        title: r.title,
        revisionId: r.revision_id,
        label: r.label,
        snippet: escapeHtml(r.snippet)
          .split(START)
          .join('<mark>')
          .split(STOP)
          .join('</mark>')
          .split(LT)
          .join('&lt;')
          .split(GT)
          .join('&gt;'),
        rank: Number(r.rank),
      })),
      nextCursor: null,
    };
  }

  private async query(q: string, limit: number) {
    try {
      return await this.ds.transaction(async (em) => {
        await em.query(`SELECT set_config('statement_timeout', $1, true)`, [
          String(this.config.searchTimeoutMs),
        ]);
        return em.query<RevisionSearchHit[]>(searchEffectiveRevisionsSql(START, STOP), [
          q,
          limit,
          HEADLINE_FROM,
          HEADLINE_TO,
          HEADLINE_MAX_CHARS,
        ]);
      });
    } catch (err) {
      const code = (err as QueryFailedError & { driverError?: { code?: string } }).driverError
        ?.code;
      if (err instanceof QueryFailedError && code === QUERY_CANCELED)
        throw busy(
          'The search took too long; try more specific words',
          'search-timeout',
          Math.ceil(this.config.searchTimeoutMs / 1000),
        );
      throw err;
    }
  }
}
