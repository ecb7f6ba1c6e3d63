import { CloseCode } from '@ensemble/sync-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { waitFor } from '../utils/wait-for.js';
import { connectClient, decision, metric, PLATFORM, startTestHub, type TestHub } from './harness.js';

function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random frames of several shapes, most of them close to valid so decoding goes deep. */
function randomFrame(random: () => number): Uint8Array | string {
  const bytes = (n: number) => Uint8Array.from({ length: n }, () => Math.floor(random() * 256));
  const len = 1 + Math.floor(random() * 64);
  switch (Math.floor(random() * 7)) {
    case 0:
      return bytes(len); // pure noise
    case 1:
      return Uint8Array.of(0, Math.floor(random() * 4), ...bytes(len)); // sync header + noise
    case 2:
      return Uint8Array.of(0, 2, len, ...bytes(len)); // well-framed garbage update
    case 3:
      return Uint8Array.of(1, len, ...bytes(len)); // awareness framing + noise
    case 4:
      return Uint8Array.of(...Array.from({ length: 12 }, () => 0xff)); // endless varint
    case 5:
      return Uint8Array.of(0, 0, 200, 1, 2); // length past the end
    default:
      return `text frame ${len}`;
  }
}

/**
 * Sends one frame, then a ping. A pong means the frame was accepted (handled before the ping);
 * a close means it was rejected. Either way we know the hub is done with it.
 */
function sendAndSettle(ws: WebSocket, frame: Uint8Array | string): Promise<'accepted' | number> {
  return new Promise((resolve) => {
    const onClose = (code: number) => {
      ws.off('pong', onPong);
      resolve(code);
    };
    const onPong = () => {
      ws.off('close', onClose);
      resolve('accepted');
    };
    ws.once('close', onClose);
    ws.once('pong', onPong);
    ws.send(frame, { binary: typeof frame !== 'string' });
    ws.ping();
  });
}

const openRaw = (url: string) =>
  new Promise<WebSocket>((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });

describe('malformed frames', () => {
  let t: TestHub;
  let token: string;
  beforeAll(async () => {
    t = await startTestHub({ maxMessageBytes: 4096 });
    token = await t.token('mallory', { [PLATFORM]: 'write' });
  });
  afterAll(() => t.close());

  it('1,000 random frames close only their own sockets; the hub keeps serving and stored items stay', async () => {
    const alice = await t.token('alice', { [PLATFORM]: 'write' });
    const stored = await Promise.all(
      ['One', 'Two', 'Three'].map((title) => t.client(alice).create(PLATFORM, decision(title))),
    );
    const watcher = connectClient(t.syncUrl, PLATFORM, alice);
    await watcher.synced();

    const random = mulberry32(1234);
    const url = `${t.syncUrl}/${PLATFORM}?token=${token}`;
    let ws = await openRaw(url);
    const outcomes = { accepted: 0, closed: 0 };
    for (let i = 0; i < 1000; i++) {
      if (ws.readyState !== WebSocket.OPEN) ws = await openRaw(url);
      const result = await sendAndSettle(ws, randomFrame(random));
      if (result === 'accepted') outcomes.accepted++;
      else {
        expect(result).toBe(CloseCode.MalformedMessage);
        outcomes.closed++;
      }
    }
    ws.close();
    expect(outcomes.closed).toBeGreaterThan(900);
    expect(await metric(t.hub, 'ensemble_hub_malformed_frames_total')).toBe(outcomes.closed);

    // The watcher was never disturbed, a new client syncs, and the stored items are intact.
    expect(watcher.provider.wsconnected).toBe(true);
    const fresh = connectClient(t.syncUrl, PLATFORM, alice);
    await fresh.synced();
    expect(fresh.memory.list()).toEqual(stored);
    expect(fresh.memory.quarantined()).toEqual([]);
    const later = watcher.memory.create(decision('Later'), { kind: 'person', id: 'alice' });
    await waitFor(() => fresh.memory.get(later.id), { what: 'sync to keep working' });
    const health = await (await fetch(`${t.hub.url}/healthz`)).json();
    expect(health).toMatchObject({ ok: true });
    watcher.destroy();
    fresh.destroy();

    await t.restart();
    expect((await t.client(alice).list(PLATFORM)).items.map((i) => i.title)).toEqual([
      'One',
      'Two',
      'Three',
      'Later',
    ]);
  });

  it('closes a frame larger than maxMessageBytes with 1009', async () => {
    const ws = await openRaw(`${t.syncUrl}/${PLATFORM}?token=${token}`);
    const code = await new Promise<number>((resolve) => {
      ws.once('close', resolve);
      ws.send(new Uint8Array(5000));
    });
    expect(code).toBe(CloseCode.MessageTooBig);
  });
});
