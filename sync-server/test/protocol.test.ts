import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { decodeClientMessage, encodeSyncStep1, encodeUpdate, isEmptyUpdate } from '../src/protocol.js';

/** Frames exactly as y-websocket clients build them, with y-protocols' own encoders. */
function clientFrame(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
}

describe('decodeClientMessage', () => {
  const doc = new Y.Doc();
  doc.getMap('items').set('a', { title: 'x' });

  it('decodes the messages a y-websocket client sends', () => {
    const step1 = clientFrame((e) => {
      encoding.writeVarUint(e, 0);
      syncProtocol.writeSyncStep1(e, doc);
    });
    expect(decodeClientMessage(step1)).toEqual({ type: 'sync-step1', stateVector: Y.encodeStateVector(doc) });

    const step2 = clientFrame((e) => {
      encoding.writeVarUint(e, 0);
      syncProtocol.writeSyncStep2(e, doc);
    });
    expect(decodeClientMessage(step2)).toMatchObject({ type: 'sync-step2' });

    const update = Y.encodeStateAsUpdate(doc);
    expect(decodeClientMessage(encodeUpdate(update))).toEqual({ type: 'update', update });

    const awareness = new awarenessProtocol.Awareness(doc);
    awareness.setLocalState({ user: 'alice' });
    const awarenessFrame = clientFrame((e) => {
      encoding.writeVarUint(e, 1);
      encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]));
    });
    expect(decodeClientMessage(awarenessFrame)).toMatchObject({ type: 'awareness' });
    awareness.destroy();

    expect(decodeClientMessage(Uint8Array.of(3))).toEqual({ type: 'query-awareness' });
    expect(decodeClientMessage(encodeSyncStep1(doc))).toMatchObject({ type: 'sync-step1' });
  });

  it.each([
    ['an empty frame', [], /bad varint for message type/],
    ['an endless varint', Array(12).fill(0xff), /bad varint/],
    ['an unknown message type', [9], /unknown message type 9/],
    ['the auth message type', [2, 0], /unknown message type 2/],
    ['an unknown sync type', [0, 7, 0], /unknown sync message type 7/],
    ['a payload longer than the frame', [0, 2, 50, 1, 2], /longer than the frame/],
    ['trailing bytes', [3, 1], /trailing bytes/],
    ['a garbage update', [0, 2, 4, 0xff, 0xff, 0xff, 0x01], /cannot be decoded/],
    ['a garbage state vector', [0, 0, 2, 0xff, 0xff], /state vector cannot be decoded/],
    ['awareness that is not JSON', [1, 6, 1, 1, 1, 2, 0x7b, 0x7b], /not JSON/],
  ])('rejects %s as malformed', (_name, bytes, reason) => {
    expect(() => decodeClientMessage(Uint8Array.from(bytes as number[]))).toThrow(
      expect.objectContaining({ code: 'malformed_message', message: expect.stringMatching(reason) }),
    );
  });

  it('tells empty updates (a client with nothing new) from real ones', () => {
    expect(isEmptyUpdate(Y.encodeStateAsUpdate(new Y.Doc()))).toBe(true);
    expect(isEmptyUpdate(Y.encodeStateAsUpdate(doc))).toBe(false);
  });
});
