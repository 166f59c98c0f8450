/** One row of `searchEffectiveRevisionsSql`. */
export interface RevisionSearchHit {
  document_id: string;
  number: string;
  title: string;
  revision_id: string;
  label: string;
  snippet: string;
  rank: number;
}

/**
 * Full-text search over effective revisions, on the `search` tsvector that
 * revision-activation.service.ts writes when a revision takes effect. The search
 * module runs it under its gate and statement timeout. Parameters: $1 the query
 * (websearch syntax), $2 the page size, $3 and $4 translate()'s from and to for the
 * body, $5 how many leading characters of the body a headline reads; `start` and
 * `stop` mark each match in the snippet. Ranks and cuts to the page first: only
 * those rows get the (costly) headline. Imports nothing, so search needs no documents
 * module to use it.
 */
export const searchEffectiveRevisionsSql = (start: string, stop: string): string =>
  `WITH query AS (SELECT websearch_to_tsquery('english', $1) AS q),
   hits AS (
     SELECT r.id, r.document_id, r.label, ts_rank_cd(r.search, query.q) AS rank, d.number, d.title
       FROM revisions r JOIN documents d ON d.id = r.document_id, query
      WHERE r.status = 'effective' AND r.search @@ query.q
      ORDER BY rank DESC, d.number
      LIMIT $2)
   SELECT h.document_id, h.number, h.title, h.id AS revision_id, h.label, h.rank,
          ts_headline('english', translate(left(r.body, $5), $3, $4), query.q,
            'StartSel=${start}, StopSel=${stop}, MaxWords=35, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "') AS snippet
     FROM hits h JOIN revisions r ON r.id = h.id, query
    ORDER BY h.rank DESC, h.number`;
