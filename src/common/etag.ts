/**
 * Whether an If-None-Match header names the strong ETag `"<tag>"` (weak comparison, as
 * RFC 9110 asks for If-None-Match: W/"x" matches "x"; `*` matches anything).
 */
export function etagMatches(ifNoneMatch: string | undefined, tag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((raw) => {
    const v = raw.trim();
    return v === '*' || v.replace(/^W\//, '') === `"${tag}"`;
  });
}
