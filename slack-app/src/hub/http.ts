import { EnsembleError, ErrorCode } from '@ensemble/core';
import { z } from 'zod';
import type { HubSession } from './access.js';

const ErrorBody = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
const knownCodes = new Set<string>(Object.values(ErrorCode));

/** JSON request to a hub route HubClient does not cover yet; the answer is zod-parsed. */
export async function hubJson<S extends z.ZodType>(
  session: HubSession,
  method: 'GET' | 'POST',
  path: string,
  schema: S,
  body?: unknown,
  timeoutMs = 30_000,
): Promise<z.output<S>> {
  const response = await hubFetch(session, method, path, body, timeoutMs);
  const json: unknown = await response.json().catch(() => undefined);
  if (!response.ok) throw hubError(response.status, json);
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new EnsembleError(ErrorCode.Internal, `Unexpected answer from the hub for ${method} ${path}.`);
  }
  return parsed.data;
}

export async function hubFetch(
  session: HubSession,
  method: 'GET' | 'POST',
  path: string,
  body: unknown,
  timeoutMs: number,
): Promise<Response> {
  try {
    return await fetch(`${session.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${session.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? null : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (e) {
    throw new EnsembleError(
      ErrorCode.Unavailable,
      `Cannot reach the hub at ${session.url} (${(e as Error).message}); check slack.hubUrl.`,
    );
  }
}

export function hubError(status: number, json: unknown): EnsembleError {
  const body = ErrorBody.safeParse(json);
  if (!body.success) {
    const code = status === 404 ? ErrorCode.NotFound : ErrorCode.Unavailable;
    return new EnsembleError(code, `The hub answered HTTP ${status}.`, { status });
  }
  const { code, message } = body.data.error;
  return new EnsembleError(knownCodes.has(code) ? (code as ErrorCode) : ErrorCode.Internal, message, {
    status,
  });
}
