import { type Access, isEnsembleError, type SpaceId } from '@ensemble/core';
import type { Logger } from '@ensemble/runtime';
import type { RawData, WebSocket } from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { CloseCode } from './close-codes.js';
import type { HubMetrics } from './metrics.js';
import {
  type ClientMessage,
  decodeClientMessage,
  encodeSyncStep1,
  encodeSyncStep2,
  isEmptyUpdate,
} from './protocol.js';
import type { Peer, Room } from './room.js';
import type { Spaces } from './spaces.js';
import { registerWriter } from './write-rules.js';

export interface ConnectionOptions {
  space: SpaceId;
  access: Access;
  person: string;
  /** The token's expiry (ms since epoch): the connection is closed with 4401 then. */
  expiresAt: number | undefined;
  spaces: Spaces;
  metrics: HubMetrics;
  logger: Logger;
}

let nextPeerId = 1;
/** A client sends a handful of frames before the first sync; more means it is misbehaving. */
const MAX_QUEUED_WHILE_LOADING = 1000;
/**
 * Unsent bytes a connection may hold before fan-out drops it as too slow. Far above the
 * initial sync of a large space (100k items is tens of MiB), so only a stuck reader hits it.
 */
const MAX_BUFFERED_BYTES = 256 * 1024 * 1024;

/**
 * Serves one websocket of one space. Frames that arrive while the space is loading are queued
 * and handled in order once it is ready; a malformed frame closes this socket only.
 */
export function serveConnection(ws: WebSocket, options: ConnectionOptions): void {
  const { space, access, metrics, spaces } = options;
  const id = nextPeerId++;
  const logger = options.logger.child({ conn: id, space, person: options.person });
  let room: Room | undefined;
  let closing = false;
  const queue: { data: RawData; isBinary: boolean }[] = [];

  const close = (code: number, reason: string) => {
    if (closing) return;
    closing = true;
    ws.close(code, fitCloseReason(reason));
  };

  const peer: Peer = {
    id,
    send(frame, type) {
      if (ws.readyState !== ws.OPEN) return;
      const fanOut = type === 'update' || type === 'awareness';
      if (fanOut && ws.bufferedAmount > MAX_BUFFERED_BYTES) {
        // A peer that cannot keep up would hold ever more memory; it resyncs on reconnect.
        close(CloseCode.TryAgainLater, 'The connection is too slow to keep up; reconnect.');
        return;
      }
      ws.send(frame);
      metrics.messagesOut.inc({ type });
    },
    fail: (code, reason) => close(code, reason),
  };
  // The hub checks what this connection writes against the memory rules (write-rules.ts).
  registerWriter(peer, options.person);

  const handle = (data: RawData, isBinary: boolean) => {
    if (closing || !room) return;
    let message: ClientMessage;
    try {
      if (!isBinary) throw new Error('text frames are not part of the y-websocket protocol');
      message = decodeClientMessage(toBytes(data));
    } catch (e) {
      return rejectMalformed(e);
    }
    metrics.messagesIn.inc({ type: message.type });
    try {
      apply(room, message);
    } catch (e) {
      rejectMalformed(e);
    }
  };

  const rejectMalformed = (e: unknown) => {
    metrics.malformedFrames.inc();
    const reason = isEnsembleError(e) ? e.message : (e as Error).message;
    logger.warn('malformed_frame', { reason: reason.slice(0, 100) });
    close(CloseCode.MalformedMessage, `malformed message: ${reason}`);
  };

  const apply = (room: Room, message: ClientMessage) => {
    switch (message.type) {
      case 'sync-step1':
        peer.send(encodeSyncStep2(room.doc, message.stateVector), 'sync-step2');
        return;
      case 'sync-step2':
      case 'update':
        if (access !== 'write') {
          if (!isEmptyUpdate(message.update)) {
            metrics.readOnlyWritesDropped.inc();
            logger.warn('readonly_write_dropped', { bytes: message.update.length });
          }
          return;
        }
        Y.applyUpdate(room.doc, message.update, peer);
        return;
      case 'awareness':
        awarenessProtocol.applyAwarenessUpdate(room.awareness, message.update, peer);
        return;
      case 'query-awareness': {
        const frame = room.awarenessFrame();
        if (frame) peer.send(frame, 'awareness');
        return;
      }
    }
  };

  ws.on('message', (data, isBinary) => {
    if (room) handle(data, isBinary);
    else if (queue.length >= MAX_QUEUED_WHILE_LOADING)
      close(CloseCode.TooManyMessages, 'too many messages before sync');
    else queue.push({ data, isBinary });
  });
  ws.on('error', (e) => logger.warn('socket_error', { error: e.message }));
  const expiry = expiryTimer(options.expiresAt, () => {
    logger.info('token_expired', {});
    close(CloseCode.Unauthorized, 'The token expired; connect again with a new token.');
  });
  ws.on('close', (code) => {
    if (expiry) clearTimeout(expiry);
    closing = true;
    metrics.connections.dec();
    if (room) spaces.detach(space, peer);
    logger.info('disconnected', { code });
  });
  metrics.connections.inc();
  logger.info('connected', { access });

  spaces.attach(space, peer).then(
    (loaded) => {
      if (ws.readyState !== ws.OPEN) {
        spaces.detach(space, peer);
        return;
      }
      room = loaded;
      // The server asks for what it lacks, as y-websocket servers do, and shares presence.
      peer.send(encodeSyncStep1(loaded.doc), 'sync-step1');
      const awareness = loaded.awarenessFrame();
      if (awareness) peer.send(awareness, 'awareness');
      for (const queued of queue.splice(0)) handle(queued.data, queued.isBinary);
    },
    (e: Error) => {
      logger.error('space_unavailable', { error: e.message });
      close(CloseCode.InternalError, 'The space could not be loaded; retry later.');
    },
  );
}

/** setTimeout cannot wait longer than ~24.8 days; tokens valid longer are re-checked on reconnect. */
const MAX_TIMER_MS = 2 ** 31 - 1;

function expiryTimer(expiresAt: number | undefined, onExpiry: () => void): NodeJS.Timeout | undefined {
  if (expiresAt === undefined) return undefined;
  const delay = Math.max(0, expiresAt - Date.now());
  if (delay > MAX_TIMER_MS) return undefined;
  const timer = setTimeout(onExpiry, delay);
  timer.unref();
  return timer;
}

/** A close reason may hold at most 123 bytes of UTF-8; `ws` throws on longer ones. */
function fitCloseReason(reason: string): string {
  let fitted = reason;
  while (Buffer.byteLength(fitted) > 123) fitted = fitted.slice(0, -1);
  return fitted;
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
