import { EnsembleError, ErrorCode } from '@ensemble/core';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

/**
 * The y-websocket wire format: `[messageType: varUint, ...]`. Sync messages carry a second
 * varUint (step1 / step2 / update) and a length-prefixed payload. Every frame is decoded and
 * checked completely before the hub acts on it, so a malformed frame never touches a document.
 */
export const MessageType = { Sync: 0, Awareness: 1, Auth: 2, QueryAwareness: 3 } as const;
export const SyncType = { Step1: 0, Step2: 1, Update: 2 } as const;

export type ClientMessage =
  | { type: 'sync-step1'; stateVector: Uint8Array }
  | { type: 'sync-step2'; update: Uint8Array }
  | { type: 'update'; update: Uint8Array }
  | { type: 'awareness'; update: Uint8Array }
  | { type: 'query-awareness' };

const malformed = (reason: string) => new EnsembleError(ErrorCode.MalformedMessage, reason);

/** Lib0 reads past the end of a buffer silently for byte arrays; this one refuses. */
function readBytes(decoder: decoding.Decoder, what: string): Uint8Array {
  const length = readUint(decoder, `${what} length`);
  if (decoder.pos + length > decoder.arr.length) throw malformed(`${what} is longer than the frame`);
  return decoding.readUint8Array(decoder, length);
}

function readUint(decoder: decoding.Decoder, what: string): number {
  try {
    return decoding.readVarUint(decoder);
  } catch {
    throw malformed(`bad varint for ${what}`);
  }
}

function assertFullyRead(decoder: decoding.Decoder): void {
  if (decoding.hasContent(decoder)) throw malformed('trailing bytes after the message');
}

function checkUpdate(update: Uint8Array): void {
  try {
    Y.decodeUpdate(update);
  } catch {
    throw malformed('the Yjs update cannot be decoded');
  }
}

function checkStateVector(stateVector: Uint8Array): void {
  try {
    Y.decodeStateVector(stateVector);
  } catch {
    throw malformed('the state vector cannot be decoded');
  }
}

/** An awareness update is `count, (clientID, clock, JSON state)*`; every state must be JSON. */
function checkAwareness(update: Uint8Array): void {
  const decoder = decoding.createDecoder(update);
  const count = readUint(decoder, 'awareness entry count');
  for (let i = 0; i < count; i++) {
    readUint(decoder, 'awareness client id');
    readUint(decoder, 'awareness clock');
    const state = readBytes(decoder, 'awareness state');
    try {
      JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(state));
    } catch {
      throw malformed('awareness state is not JSON');
    }
  }
  assertFullyRead(decoder);
}

/** Decodes and validates one binary frame from a client; throws `malformed_message` with a reason. */
export function decodeClientMessage(frame: Uint8Array): ClientMessage {
  const decoder = decoding.createDecoder(frame);
  const type = readUint(decoder, 'message type');
  let message: ClientMessage;
  if (type === MessageType.Sync) {
    const syncType = readUint(decoder, 'sync message type');
    const payload = readBytes(decoder, 'sync payload');
    if (syncType === SyncType.Step1) {
      checkStateVector(payload);
      message = { type: 'sync-step1', stateVector: payload };
    } else if (syncType === SyncType.Step2 || syncType === SyncType.Update) {
      checkUpdate(payload);
      message = { type: syncType === SyncType.Step2 ? 'sync-step2' : 'update', update: payload };
    } else {
      throw malformed(`unknown sync message type ${syncType}`);
    }
  } else if (type === MessageType.Awareness) {
    const update = readBytes(decoder, 'awareness update');
    checkAwareness(update);
    message = { type: 'awareness', update };
  } else if (type === MessageType.QueryAwareness) {
    message = { type: 'query-awareness' };
  } else {
    throw malformed(`unknown message type ${type}`);
  }
  assertFullyRead(decoder);
  return message;
}

/** True when an update carries no structs and no deletions (e.g. a client's empty sync step 2). */
export function isEmptyUpdate(update: Uint8Array): boolean {
  const { structs, ds } = Y.decodeUpdate(update);
  return structs.length === 0 && ds.clients.size === 0;
}

function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

export const encodeSyncStep1 = (doc: Y.Doc): Uint8Array =>
  frame((e) => {
    encoding.writeVarUint(e, MessageType.Sync);
    encoding.writeVarUint(e, SyncType.Step1);
    encoding.writeVarUint8Array(e, Y.encodeStateVector(doc));
  });

export const encodeSyncStep2 = (doc: Y.Doc, stateVector?: Uint8Array): Uint8Array =>
  frame((e) => {
    encoding.writeVarUint(e, MessageType.Sync);
    encoding.writeVarUint(e, SyncType.Step2);
    encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(doc, stateVector));
  });

export const encodeUpdate = (update: Uint8Array): Uint8Array =>
  frame((e) => {
    encoding.writeVarUint(e, MessageType.Sync);
    encoding.writeVarUint(e, SyncType.Update);
    encoding.writeVarUint8Array(e, update);
  });

export const encodeAwareness = (update: Uint8Array): Uint8Array =>
  frame((e) => {
    encoding.writeVarUint(e, MessageType.Awareness);
    encoding.writeVarUint8Array(e, update);
  });
