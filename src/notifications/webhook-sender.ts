import { createHmac } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import { Outcome } from './delivery-pool';
import { assertPublicHost, publicOnlyLookup } from './webhook-address';

export const WEBHOOK_TIMEOUT_MS = 5000;

/** `sha256=` + hex HMAC-SHA256 of the raw body with the webhook's secret. */
export function signature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

export interface WebhookRequest {
  url: string;
  secret: string;
  deliveryId: string;
  type: string;
  /** The raw JSON body, exactly as signed and sent. */
  body: string;
}

// Kept-alive connections: a busy receiver is not made to accept a new TCP (and TLS)
// handshake per event.
const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 64 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 64 }),
};

/**
 * POSTs one signed delivery. 2xx is success; anything else (another status, a
 * redirect — never followed —, a timeout, a refused address) is a failure to retry.
 * Unless private addresses are allowed, the address is checked again here, at
 * connection time (DNS rebinding), not only when the webhook was created.
 */
export async function postWebhook(
  req: WebhookRequest,
  opts: { allowPrivate: boolean; timeoutMs?: number },
): Promise<Outcome> {
  let url: URL;
  try {
    url = new URL(req.url);
    if (!opts.allowPrivate) await assertPublicHost(url.hostname);
  } catch (err) {
    return { ok: false, error: message(err) };
  }
  const timeoutMs = opts.timeoutMs ?? WEBHOOK_TIMEOUT_MS;
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise<Outcome>((resolve) => {
    let settled = false;
    const finish = (o: Outcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(o);
    };
    const request = transport.request(
      url,
      {
        method: 'POST',
        agent: agents[url.protocol as 'http:' | 'https:'],
        lookup: opts.allowPrivate ? undefined : publicOnlyLookup,
        headers: {
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(req.body),
          'User-Agent': 'Praxis-Webhooks/1',
          'X-Praxis-Event': req.type,
          'X-Praxis-Delivery': req.deliveryId,
          'X-Praxis-Signature': signature(req.secret, req.body),
        },
      },
      (res) => {
        const statusCode = res.statusCode ?? 0;
        // The body is not needed; read it (so the connection can be reused) and drop it.
        res.resume();
        res.on('end', () =>
          finish(
            statusCode >= 200 && statusCode < 300
              ? { ok: true, statusCode }
              : { ok: false, statusCode, error: `HTTP ${statusCode}` },
          ),
        );
        res.on('error', (err) => finish({ ok: false, statusCode, error: message(err) }));
      },
    );
    const timer = setTimeout(() => {
      request.destroy(new Error(`no answer within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    request.on('error', (err) => finish({ ok: false, error: message(err) }));
    request.end(req.body);
  });
}

function message(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.slice(0, 500);
}
