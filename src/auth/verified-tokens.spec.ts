import { VerifiedTokens } from './verified-tokens';

describe('VerifiedTokens', () => {
  it('gives a remembered token’s claims until its exp, and nothing from exp on', () => {
    let now = 1_000;
    const tokens = new VerifiedTokens(10, () => now);
    tokens.remember('t', { sub: 'u', gen: 2, exp: 1_060 });
    expect(tokens.get('t')).toEqual({ sub: 'u', gen: 2, exp: 1_060 });
    expect(tokens.get('t.')).toBeUndefined(); // another string is another token
    now = 1_059;
    expect(tokens.get('t')).toBeDefined();
    now = 1_060;
    expect(tokens.get('t')).toBeUndefined();
    expect(tokens.size).toBe(0);
  });

  it('gives nothing before nbf, and keeps no token without a numeric exp or with a bad nbf', () => {
    let now = 1_000;
    const tokens = new VerifiedTokens(10, () => now);
    tokens.remember('later', { sub: 'u', exp: 2_000, nbf: 1_010 });
    expect(tokens.get('later')).toBeUndefined();
    now = 1_010;
    expect(tokens.get('later')).toMatchObject({ sub: 'u', nbf: 1_010 });
    tokens.remember('no-exp', { sub: 'u' });
    tokens.remember('text-exp', { sub: 'u', exp: '2000' });
    tokens.remember('text-nbf', { sub: 'u', exp: 2_000, nbf: '1000' });
    expect(tokens.size).toBe(1);
  });

  it('holds at most max tokens', () => {
    const tokens = new VerifiedTokens(3, () => 0);
    for (let i = 0; i < 10; i++) tokens.remember(`t${i}`, { sub: 'u', exp: 100 });
    expect(tokens.size).toBe(3);
    expect(tokens.get('t9')).toBeDefined();
    expect(tokens.get('t0')).toBeUndefined();
  });
});
