import { lookup as dnsLookup, LookupAddress } from 'node:dns';
import { BlockList, isIP, isIPv4, LookupFunction } from 'node:net';

/**
 * Where a webhook may not point unless WEBHOOK_ALLOW_PRIVATE is set: loopback,
 * link-local (cloud metadata at 169.254.169.254), private, shared (CGNAT),
 * unspecified, multicast, reserved and documentation ranges. IPv6 forms that carry
 * an IPv4 address (mapped, 6to4, NAT64) are judged by that address.
 */
const V4 = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  V4.addSubnet(net, prefix, 'ipv4');

const V6 = new BlockList();
for (const [net, prefix] of [
  ['::', 96], // unspecified, loopback and the deprecated IPv4-compatible forms
  ['64:ff9b:1::', 48], // local-use NAT64
  ['100::', 64], // discard
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
] as const)
  V6.addSubnet(net, prefix, 'ipv6');

/** The 16 bytes of an IPv6 address (zone id dropped), or null if it is not one. */
export function ipv6Bytes(address: string): number[] | null {
  let a = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (isIP(a) !== 6) return null;
  // A dotted IPv4 tail (::ffff:127.0.0.1) becomes its two hex words.
  a = a.replace(/(\d+)\.(\d+)\.(\d+)\.(\d+)$/, (_, p, q, r, s) =>
    [(+p << 8) | +q, (+r << 8) | +s].map((n) => n.toString(16)).join(':'),
  );
  const [head, rest] = a.split('::') as [string, string | undefined];
  const words = (s: string) => (s ? s.split(':') : []);
  const h = words(head);
  const r = words(rest ?? '');
  const fill = rest === undefined ? 0 : 8 - h.length - r.length;
  const all = [...h, ...Array<string>(fill).fill('0'), ...r];
  if (all.length !== 8) return null;
  return all.flatMap((w) => {
    const n = parseInt(w, 16);
    return [n >> 8, n & 0xff];
  });
}

/** True when the address is one a webhook must not reach (anything unparseable included). */
export function isNonPublicAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (isIPv4(bare)) return V4.check(bare, 'ipv4');
  const b = ipv6Bytes(bare);
  if (!b) return true;
  const v4 = (at: number) => b.slice(at, at + 4).join('.');
  const zero = (from: number, to: number) => b.slice(from, to).every((x) => x === 0);
  if (zero(0, 10) && b[10] === 0xff && b[11] === 0xff) return V4.check(v4(12), 'ipv4'); // ::ffff:a.b.c.d
  if (zero(0, 8) && b[8] === 0xff && b[9] === 0xff && zero(10, 12)) return V4.check(v4(12), 'ipv4'); // ::ffff:0:a.b.c.d
  if (b[0] === 0x00 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b && zero(4, 12))
    return V4.check(v4(12), 'ipv4'); // 64:ff9b::a.b.c.d (NAT64)
  if (b[0] === 0x20 && b[1] === 0x02) return V4.check(v4(2), 'ipv4'); // 2002:aabb:ccdd:: (6to4)
  const canonical = Array.from({ length: 8 }, (_, i) =>
    ((b[2 * i] << 8) | b[2 * i + 1]).toString(16),
  ).join(':');
  return V6.check(canonical, 'ipv6');
}

export class NonPublicAddressError extends Error {
  readonly code = 'ENONPUBLIC';
  constructor(host: string, address: string) {
    super(
      host === address
        ? `${host} is a loopback, link-local or private address`
        : `${host} resolves to ${address}, a loopback, link-local or private address`,
    );
  }
}

/** Every address a host name resolves to (an IP literal is its own answer). */
export async function resolveAll(host: string): Promise<string[]> {
  const bare = host.replace(/^\[|\]$/g, '');
  if (isIP(bare)) return [bare];
  return new Promise((resolve, reject) =>
    dnsLookup(bare, { all: true, verbatim: true }, (err, addresses) =>
      err ? reject(err) : resolve(addresses.map((a) => a.address)),
    ),
  );
}

/** Throws NonPublicAddressError unless every address of the host is public. */
export async function assertPublicHost(host: string): Promise<void> {
  for (const address of await resolveAll(host)) {
    if (isNonPublicAddress(address)) throw new NonPublicAddressError(host, address);
  }
}

/**
 * A `lookup` for http.request that refuses non-public answers, so the socket connects
 * to exactly the address that was checked: a DNS answer that changes between the
 * check and the connection (rebinding) cannot slip through.
 */
export const publicOnlyLookup = ((
  hostname: string,
  options: { all?: boolean; family?: number },
  callback: (
    err: NodeJS.ErrnoException | null,
    address: string | LookupAddress[],
    family?: number,
  ) => void,
) => {
  dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, '');
    const bad = addresses.find((a) => isNonPublicAddress(a.address));
    if (bad) return callback(new NonPublicAddressError(hostname, bad.address), '');
    if (addresses.length === 0) return callback(new Error(`${hostname} has no address`), '');
    if (options.all) return callback(null, addresses);
    callback(null, addresses[0].address, addresses[0].family);
  });
}) as unknown as LookupFunction;
