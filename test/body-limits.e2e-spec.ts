import http from 'node:http';
import { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import request from 'supertest';
import {
  MAX_JSON_KEYS_PER_OBJECT,
  MAX_JSON_KEYS_TOTAL,
  ROUTE_BODY_LIMITS,
} from '../src/common/body-limits';
import { api, createTestApp, TestApp } from './helpers/app';
import { auth, PROBLEM, sopBody } from './helpers/documents';
import { createUser, TestUser } from './helpers/factories';

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  ms: number;
}

/** One request over a fresh connection; `sent` fires once the whole body is written. */
function send(
  t: TestApp,
  opts: {
    method?: string;
    path: string;
    body?: string;
    token?: string;
    /** send the body chunked, without a Content-Length */
    chunked?: boolean;
    sent?: () => void;
  },
): Promise<Answer> {
  const { port } = t.http.address() as AddressInfo;
  const headers: Record<string, string | number> = {};
  if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    if (!opts.chunked) headers['Content-Length'] = Buffer.byteLength(opts.body);
  }
  if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method: opts.method ?? 'POST', path: opts.path, headers },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text,
            ms: performance.now() - started,
          }),
        );
      },
    );
    req.on('error', reject);
    if (opts.chunked && opts.body) {
      req.flushHeaders();
      for (let i = 0; i < opts.body.length; i += 1024) req.write(opts.body.slice(i, i + 1024));
      req.end(opts.sent);
    } else req.end(opts.body, opts.sent);
  });
}

const manyKeys = (n: number, base: Record<string, unknown> = {}) =>
  JSON.stringify({
    ...base,
    ...Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, 1])),
  });

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function expectProblem(res: Answer, status: number) {
  expect({ status: res.status, text: res.text.slice(0, 200) }).toMatchObject({ status });
  expect(res.headers['content-type']).toMatch(PROBLEM);
  return JSON.parse(res.text) as { status: number; detail: string; errors?: unknown[] };
}

describe('body limits at the edge', () => {
  let t: TestApp;
  let lead: TestUser;
  beforeAll(async () => {
    t = await createTestApp();
    await new Promise<void>((r) => t.http.listen(0, '127.0.0.1', r));
    lead = await createUser(t, { roles: ['quality_lead'] });
  });
  afterAll(() => t.close());

  const documents = api('/documents');

  it('answers a body of 100,000 keys with a small 400 as fast as a normal request of its size, and /health/live stays responsive', async () => {
    // A normal request of about the same size: a document with a 1,000,000-character body.
    const normalBody = JSON.stringify({
      type: 'sop',
      title: 'Big',
      body: sopBody('x'.repeat(999_000)),
    });
    const normal: number[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await send(t, { path: documents, body: normalBody, token: lead.token });
      expect(res.status).toBe(201);
      normal.push(res.ms);
    }
    const attackBody = manyKeys(100_000, { type: 'sop', title: 'Keys' });
    expect(attackBody.length).toBeGreaterThan(normalBody.length);

    let health: Promise<Answer> | undefined;
    const attack = await send(t, {
      path: documents,
      body: attackBody,
      token: lead.token,
      // asked the moment the attack is on the wire, so it queues behind its processing
      sent: () => {
        health = send(t, { method: 'GET', path: '/health/live' });
      },
    });
    const live = await health!;
    const body = expectProblem(attack, 400);
    expect(body.errors).toEqual([
      { field: '(body)', message: `has more than ${MAX_JSON_KEYS_PER_OBJECT} keys` },
    ]);
    expect(attack.text.length).toBeLessThan(1000);
    expect(live.status).toBe(200);
    // Before the bound: 11 s for the attack (and for /health/live behind it) against ~30 ms,
    // a ratio of ~300; after it, ~2.5 (parsing 100,000 keys costs more than one long string).
    const ratios = { attack: attack.ms / median(normal), health: live.ms / median(normal) };
    expect(ratios.attack).toBeLessThan(20);
    expect(ratios.health).toBeLessThan(20);
  });

  it('refuses an object with too many keys, at any depth, naming it', async () => {
    const inner = Object.fromEntries(
      Array.from({ length: MAX_JSON_KEYS_PER_OBJECT + 1 }, (_, i) => [`k${i}`, 1]),
    );
    const res = await send(t, {
      path: documents,
      body: JSON.stringify({ type: 'sop', title: 'x', nested: { inner } }),
      token: lead.token,
    });
    expect(expectProblem(res, 400).errors).toEqual([
      { field: 'nested.inner', message: `has more than ${MAX_JSON_KEYS_PER_OBJECT} keys` },
    ]);
    // exactly at the bound the edge lets it through; the DTO then refuses the unknown field
    const atBound = manyKeys(MAX_JSON_KEYS_PER_OBJECT - 2, { type: 'sop', title: 'x' });
    const ok = await send(t, { path: documents, body: atBound, token: lead.token });
    expect(expectProblem(ok, 400).errors).toHaveLength(20);
  });

  it('refuses a body whose objects together have too many keys', async () => {
    const per = 100;
    const items = Array.from({ length: Math.ceil(MAX_JSON_KEYS_TOTAL / per) + 1 }, () =>
      Object.fromEntries(Array.from({ length: per }, (_, i) => [`k${i}`, 1])),
    );
    const res = await send(t, {
      path: documents,
      body: JSON.stringify({ type: 'sop', title: 'x', items }),
      token: lead.token,
    });
    expect(expectProblem(res, 400).errors).toEqual([
      { field: '(body)', message: `has more than ${MAX_JSON_KEYS_TOTAL} keys in all its objects` },
    ]);
  });

  it('gives sign-in a small body limit: 413 problem+json past it, by Content-Length and while reading', async () => {
    const limit = ROUTE_BODY_LIMITS.find((r) => r.path.test('/api/v1/auth/login'))!.bytes;
    expect(limit).toBeLessThanOrEqual(16 * 1024);
    const padded = JSON.stringify({ email: 'a@test.local', password: 'x'.repeat(limit) });
    for (const path of [api('/auth/login'), '/API/V1/Auth/login']) {
      const res = await send(t, { path, body: padded });
      expect(expectProblem(res, 413).detail).toMatch(/16 KiB/);
    }
    const chunked = await send(t, { path: api('/auth/login'), body: padded, chunked: true });
    expectProblem(chunked, 413);
    // the 100,000-key body of the first test never gets as far as the key count
    expectProblem(await send(t, { path: api('/auth/login'), body: manyKeys(100_000) }), 413);
    // a sign-in of ordinary size still reaches the credentials check
    const normal = await send(t, {
      path: api('/auth/login'),
      body: JSON.stringify({ email: 'nobody@test.local', password: 'wrong password' }),
    });
    expect(normal.status).toBe(401);
  });

  it('keeps 1 MiB for other routes and the contract’s 10 MiB for documents and revisions', async () => {
    const twoMiB = JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) });
    expectProblem(
      await send(t, { path: api('/departments'), body: twoMiB, token: lead.token }),
      413,
    );
    const res = await request(t.http)
      .post(documents)
      .set(auth(lead))
      .send({ type: 'sop', title: 'x'.repeat(9 * 1024 * 1024) });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'title' })]);
    const over = await send(t, {
      path: documents,
      body: JSON.stringify({ title: 'x'.repeat(10 * 1024 * 1024) }),
      token: lead.token,
    });
    expect(expectProblem(over, 413).detail).toBe('The request body is larger than 10 MiB');
  });
});
