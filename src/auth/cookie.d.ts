// `cookie` (express's own cookie codec) ships no types; only what Praxis calls.
declare module 'cookie' {
  export function parse(header: string): Record<string, string | undefined>;
}
