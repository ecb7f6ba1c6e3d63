import { createHmac } from 'node:crypto';

/** Slack's v0 request signature: HMAC-SHA256 over `v0:<timestamp>:<raw body>`. */
export function sign(secret: string, ts: number, rawBody: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${ts}:${rawBody}`).digest('hex')}`;
}

export type BodyKind = 'json' | 'form' | 'payload';

/**
 * POSTs a signed request to the app as Slack would: Events API JSON, a slash command form, or
 * an interactivity `payload=` form.
 */
export async function postSigned(
  url: string,
  secret: string,
  body: unknown,
  options: { kind?: BodyKind; headers?: Record<string, string>; badSignature?: boolean } = {},
): Promise<{ status: number; text: string }> {
  const kind = options.kind ?? 'json';
  const ts = Math.floor(Date.now() / 1000);
  const raw =
    kind === 'json'
      ? JSON.stringify(body)
      : kind === 'form'
        ? new URLSearchParams(body as Record<string, string>).toString()
        : new URLSearchParams({ payload: JSON.stringify(body) }).toString();
  const contentType = kind === 'json' ? 'application/json' : 'application/x-www-form-urlencoded';
  const signature = options.badSignature ? `v0=${'0'.repeat(64)}` : sign(secret, ts, raw);
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': contentType,
      'x-slack-request-timestamp': String(ts),
      'x-slack-signature': signature,
      ...options.headers,
    },
    body: raw,
  });
  return { status: response.status, text: await response.text() };
}
