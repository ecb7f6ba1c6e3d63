// Worker thread of the fan-out bench: N readers and one writer over real websockets, all
// speaking the y-websocket wire format. Runs on its own thread so the server under test (hub
// or relay, on the main thread) has a core to itself; send and receive times share one clock.
import { performance } from 'node:perf_hooks';
import { parentPort } from 'node:worker_threads';
import { person, SpaceMemory } from '@ensemble/core';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';

const MARKER = Buffer.from('seq:');
const DIGIT_0 = 48;

/** Opens a socket and resolves after its first message: by then the server has registered it. */
function connect(url, onMessage) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    ws.binaryType = 'nodebuffer';
    ws.once('error', reject);
    ws.once('message', () => {
      ws.on('message', onMessage);
      resolve(ws);
    });
  });
}

/** The sequence number a writer put into an item title ("... seq:123 ..."), or -1. */
function sequenceIn(frame) {
  // Only sync updates (message 0, sync type 2) carry items; skip handshakes and presence.
  if (frame[0] !== 0 || frame[1] !== 2) return -1;
  let at = frame.indexOf(MARKER);
  if (at < 0) return -1;
  at += MARKER.length;
  let seq = 0;
  while (at < frame.length && frame[at] >= DIGIT_0 && frame[at] <= DIGIT_0 + 9)
    seq = seq * 10 + frame[at++] - DIGIT_0;
  return seq;
}

function updateFrame(update) {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

async function runScenario({ url, space, readers, warmup, updates, intervalMs, timeoutMs }) {
  const total = warmup + updates;
  const sentAt = new Float64Array(total).fill(Number.NaN);
  const latencies = [];
  let delivered = 0;
  let allDelivered;
  const done = new Promise((resolve) => {
    allDelivered = resolve;
  });

  const onMessage = (frame) => {
    const now = performance.now();
    const seq = sequenceIn(frame);
    if (seq < 0 || seq >= total || Number.isNaN(sentAt[seq])) return;
    if (seq >= warmup) latencies.push(now - sentAt[seq]);
    delivered += 1;
    if (delivered === total * readers) allDelivered();
  };

  const sockets = [];
  // Connect in batches so a 500-socket burst does not measure the accept queue instead.
  for (let i = 0; i < readers; i += 50) {
    const batch = Math.min(50, readers - i);
    sockets.push(...(await Promise.all(Array.from({ length: batch }, () => connect(url, onMessage)))));
  }
  const writer = await connect(url, () => undefined);
  sockets.push(writer);

  const doc = new Y.Doc();
  const memory = new SpaceMemory(space, doc);
  let current = 0;
  doc.on('update', (update) => {
    const frame = updateFrame(update);
    sentAt[current] = performance.now();
    writer.send(frame);
  });
  for (current = 0; current < total; current++) {
    memory.create(
      {
        kind: 'decision',
        title: `Bench decision seq:${current} of the fan-out run`,
        source: { surface: 'cli' },
      },
      person('bench'),
    );
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  const timedOut = await Promise.race([
    done.then(() => false),
    new Promise((resolve) => setTimeout(() => resolve(true), timeoutMs)),
  ]);
  for (const ws of sockets) ws.terminate();
  const missing = total * readers - delivered;
  return { latencies: Float64Array.from(latencies), missing, timedOut };
}

parentPort.on('message', async (scenario) => {
  try {
    const result = await runScenario(scenario);
    parentPort.postMessage({ ok: true, ...result }, [result.latencies.buffer]);
  } catch (e) {
    parentPort.postMessage({ ok: false, error: e instanceof Error ? e.message : String(e) });
  }
});
