/**
 * Which of `types` the Accept header prefers, as Express's `req.accepts` chose: highest
 * q, then the most specific match (`text/csv` over `text/*` over `*\/*`), then the
 * earlier in the header, then the earlier in `types`. No Accept header: the first type;
 * none acceptable: false.
 */
export function accepts(header: string | undefined, types: string[]): string | false {
  if (!header) return types[0] ?? false;
  const ranges = header.split(',').flatMap((raw, order) => {
    const [range, ...params] = raw.trim().toLowerCase().split(';');
    const [type, subtype] = range.trim().split('/');
    if (!type || !subtype) return [];
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    return Number.isFinite(q) ? [{ type, subtype, q, order }] : [];
  });
  let best: { type: string; q: number; s: number; o: number; i: number } | null = null;
  types.forEach((candidate, i) => {
    const [type, subtype] = candidate.toLowerCase().split('/');
    for (const r of ranges) {
      const s =
        r.type === type && r.subtype === subtype
          ? 2
          : r.type === type && r.subtype === '*'
            ? 1
            : r.type === '*' && r.subtype === '*'
              ? 0
              : -1;
      if (s < 0 || r.q <= 0) continue;
      const spec = { type: candidate, q: r.q, s, o: r.order, i };
      if (
        !best ||
        spec.q > best.q ||
        (spec.q === best.q &&
          (spec.s > best.s ||
            (spec.s === best.s && (spec.o < best.o || (spec.o === best.o && spec.i < best.i)))))
      )
        best = spec;
    }
  });
  return best ? (best as { type: string }).type : false;
}
