import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { SearchResults } from './search.controller';

const START = '\u0001';
const STOP = '\u0002';

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
 * markers, are HTML-escaped, and only then get their <mark> tags.
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
              ts_headline('english', r.body, query.q,
                'StartSel=${START}, StopSel=${STOP}, MaxWords=35, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "') AS snippet,
              ts_rank_cd(r.search, query.q) AS rank
         FROM revisions r JOIN documents d ON d.id = r.document_id, query
        WHERE r.status = 'effective' AND r.search @@ query.q
        ORDER BY rank DESC, d.number
        LIMIT $2`,
      [q, limit],
    );
    return {
      items: rows.map((r) => ({
        documentId: r.document_id,
        documentNumber: r.number,
        title: r.title,
        revisionId: r.revision_id,
        label: r.label,
        snippet: escapeHtml(r.snippet).split(START).join('<mark>').split(STOP).join('</mark>'),
        rank: Number(r.rank),
      })),
      nextCursor: null,
    };
  }
}
