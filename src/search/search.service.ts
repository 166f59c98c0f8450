import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
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

function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

/**
 * PostgreSQL full-text search over effective revisions: a GIN-indexed tsvector
 * (title weight A, body weight B, English stemming) written when a revision
 * becomes effective. Snippets come from ts_headline with control-character
 * markers, are HTML-escaped, and only then get their <mark> tags (and their
 * escaped < and >, which ts_headline would otherwise drop with any "tag").
 */
@Injectable()
export class SearchService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async find(q: string, limit: number): Promise<SearchResults> {
    const rows = await this.ds.query<
      {
        document_id: string;
        number: string;
        title: string;
        revision_id: string;
        label: string;
        snippet: string;
        rank: number;
      }[]
    >(
      `WITH query AS (SELECT websearch_to_tsquery('english', $1) AS q)
       SELECT d.id AS document_id, d.number, d.title, r.id AS revision_id, r.label,
              ts_headline('english', translate(r.body, $3, $4), query.q,
                'StartSel=${START}, StopSel=${STOP}, MaxWords=35, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "') AS snippet,
              ts_rank_cd(r.search, query.q) AS rank
         FROM revisions r JOIN documents d ON d.id = r.document_id, query
        WHERE r.status = 'effective' AND r.search @@ query.q
        ORDER BY rank DESC, d.number
        LIMIT $2`,
      [q, limit, HEADLINE_FROM, HEADLINE_TO],
    );
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
}
