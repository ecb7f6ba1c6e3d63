import type { IncomingMessage } from 'node:http';
import { EnsembleError, ErrorCode } from '@ensemble/core';

/** Reads a JSON body of at most `limit` bytes; `undefined` when the request has none. */
export async function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw tooLarge(limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw tooLarge(limit);
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return undefined;
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    throw new EnsembleError(ErrorCode.InvalidInput, 'The request body is not valid JSON.');
  }
}

const tooLarge = (limit: number) =>
  new EnsembleError(ErrorCode.PayloadTooLarge, `The request body is larger than ${limit} bytes; send less.`);
