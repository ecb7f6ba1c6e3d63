import type { ServerResponse } from 'node:http';
import { asEnsembleError, type ErrorCode } from '@ensemble/core';

/** Codes without an entry (added later by other parts) answer 500 until mapped here. */
const statusByCode: Partial<Record<ErrorCode, number>> = {
  invalid_input: 400,
  invalid_item: 400,
  malformed_message: 400,
  owner_must_be_human: 400,
  invalid_config: 500,
  unauthorized: 401,
  forbidden: 403,
  not_owner: 403,
  not_found: 404,
  invalid_transition: 409,
  payload_too_large: 413,
  budget_exceeded: 429,
  rate_limited: 429,
  blocked_content: 422,
  model_rejected: 502,
  model_auth: 502,
  eval_regression: 409,
  internal: 500,
  unavailable: 503,
};

export function httpStatusOf(code: ErrorCode): number {
  return statusByCode[code] ?? 500;
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** Every error leaves as `{ error: { code, message } }`; internal details stay in the log. */
export function sendError(res: ServerResponse, e: unknown): number {
  const error = asEnsembleError(e);
  const status = httpStatusOf(error.code);
  const message =
    status >= 500 && error.code === 'internal' ? 'Internal error; see the hub logs.' : error.message;
  if (res.headersSent) {
    res.destroy();
    return status;
  }
  sendJson(res, status, { error: { code: error.code, message } });
  return status;
}
