// `cookie` (the codec Express used for Praxis's cookies) ships no types; only what Praxis calls.
declare module 'cookie' {
  export function parse(header: string): Record<string, string | undefined>;
  export function serialize(
    name: string,
    value: string,
    options: {
      maxAge?: number;
      expires?: Date;
      path?: string;
      httpOnly?: boolean;
      secure?: boolean;
      sameSite?: 'strict';
    },
  ): string;
}
