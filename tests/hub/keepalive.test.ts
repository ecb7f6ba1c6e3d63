import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../utils/wait-for.js';
import { connectClient, metric, PLATFORM, type SyncClient, startTestHub, type TestHub } from './harness.js';

describe('keepalive', () => {
  let t: TestHub | undefined;
  const clients: SyncClient[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await t?.close();
  });

  it('terminates a peer that stops answering pings and keeps live ones', async () => {
    t = await startTestHub({ pingIntervalMs: 300 });
    const { hub } = t;
    const token = await t.token('alice', { [PLATFORM]: 'write' });
    const live = connectClient(t.syncUrl, PLATFORM, token);
    clients.push(live);
    await live.synced();
    let liveDrops = 0;
    live.provider.on('connection-close', () => {
      liveDrops++;
    });

    // A hand-made websocket handshake over TCP that then never answers anything: a dead peer.
    const socket = connect(hub.port, '127.0.0.1');
    let received = '';
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
    });
    const closed = new Promise((resolve) => socket.once('close', resolve));
    socket.write(
      `GET /v1/sync/${PLATFORM}?token=${token} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n` +
        `Connection: Upgrade\r\nSec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\n` +
        'Sec-WebSocket-Version: 13\r\n\r\n',
    );
    await waitFor(() => received.startsWith('HTTP/1.1 101'), { what: 'the handshake' });
    await waitFor(async () => (await metric(hub, 'ensemble_hub_connections')) === 2);
    await closed;
    await waitFor(async () => (await metric(hub, 'ensemble_hub_connections')) === 1, {
      what: 'the dead peer to be dropped',
    });
    // Several ping rounds have passed; the answering client was never dropped.
    expect(liveDrops).toBe(0);
    expect(live.provider.wsconnected).toBe(true);
  });
});
