import { assertPublicHost, ipv6Bytes, isNonPublicAddress } from './webhook-address';

describe('ipv6Bytes', () => {
  it('expands compressed forms and dotted IPv4 tails', () => {
    expect(ipv6Bytes('::1')).toEqual([...Array<number>(15).fill(0), 1]);
    expect(ipv6Bytes('::ffff:127.0.0.1')).toEqual(ipv6Bytes('::ffff:7f00:1'));
    expect(ipv6Bytes('[fe80::1%eth0]')).toEqual([0xfe, 0x80, ...Array<number>(13).fill(0), 1]);
    expect(ipv6Bytes('2001:db8:0:0:0:0:0:1')).toEqual(ipv6Bytes('2001:db8::1'));
    expect(ipv6Bytes('127.0.0.1')).toBeNull();
    expect(ipv6Bytes('example.com')).toBeNull();
  });
});

describe('isNonPublicAddress', () => {
  it.each([
    '127.0.0.1',
    '127.1.2.3',
    '0.0.0.0',
    '10.0.0.1',
    '100.64.0.1',
    '169.254.169.254',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '224.0.0.1',
    '255.255.255.255',
    '::',
    '::1',
    '[::1]',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:a9fe:a9fe',
    '::ffff:0:10.0.0.1',
    '::127.0.0.1',
    '64:ff9b::10.0.0.1',
    '2002:7f00:1::',
    'fc00::1',
    'fd12:3456::1',
    'fe80::1',
    'fe80::1%eth0',
    'ff02::1',
    'not an address',
  ])('refuses %s', (address) => {
    expect(isNonPublicAddress(address)).toBe(true);
  });

  it.each([
    '1.1.1.1',
    '8.8.8.8',
    '172.32.0.1',
    '100.128.0.1',
    '192.169.0.1',
    '2606:4700:4700::1111',
    '::ffff:8.8.8.8',
    '64:ff9b::8.8.8.8',
    '2002:0808:0808::',
  ])('allows %s', (address) => {
    expect(isNonPublicAddress(address)).toBe(false);
  });
});

describe('assertPublicHost', () => {
  it('refuses literals and names that resolve to loopback', async () => {
    await expect(assertPublicHost('127.0.0.1')).rejects.toThrow(/loopback, link-local or private/);
    await expect(assertPublicHost('[::1]')).rejects.toThrow(/loopback/);
    await expect(assertPublicHost('localhost')).rejects.toThrow(/resolves to/);
  });

  it('accepts a public literal without asking DNS', async () => {
    await expect(assertPublicHost('93.184.215.14')).resolves.toBeUndefined();
  });
});
