// Fan-out latency of the hub versus a plain ws relay, measured in the same run: N readers
// (1, 100, 500) over real websockets, one writer sending item updates at a bounded rate.
// Latency = receive time - send time on the client thread. Prints p50/p99 and the ratios.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { EnsembleConfig } from '@ensemble/core';
import { createLogger } from '@ensemble/runtime';
import { createToken, startHub } from '@ensemble/sync-server';
import { WebSocketServer } from 'ws';
import { goalLine, machineLoad, median, ms, out, percentile, table } from './lib/report.mjs';

const READERS = (process.env.BENCH_FANOUT_READERS ?? '1,100,500').split(',').map(Number);
const UPDATES = Number(process.env.BENCH_FANOUT_UPDATES ?? 200);
const WARMUP = 20;
// Slow enough that 500 readers on one client thread keep up on 2 cores: the bench measures
// the servers, not a saturated client.
const INTERVAL_MS = Number(process.env.BENCH_FANOUT_INTERVAL_MS ?? 20);
const ROUNDS = Number(process.env.BENCH_FANOUT_ROUNDS ?? 3);
const GOAL = 1.5;

/** The floor: a ws server that forwards every message to every other client, nothing else. */
async function startRelay() {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
  wss.on('connection', (ws) => {
    ws.on('message', (data, isBinary) => {
      for (const other of wss.clients) if (other !== ws) other.send(data, { binary: isBinary });
    });
    // A first message tells the client it is registered, as the hub's sync step 1 does.
    ws.send(Uint8Array.of(255));
  });
  await new Promise((resolve) => wss.once('listening', resolve));
  return {
    url: `ws://127.0.0.1:${wss.address().port}`,
    close: () => new Promise((resolve) => wss.close(resolve)),
  };
}

function runOnClients(worker, scenario) {
  return new Promise((resolve, reject) => {
    const onError = (e) => {
      worker.off('message', onMessage);
      reject(e);
    };
    const onMessage = (result) => {
      worker.off('error', onError);
      if (result.ok) resolve(result);
      else reject(new Error(result.error));
    };
    worker.once('message', onMessage);
    worker.once('error', onError);
    worker.postMessage(scenario);
  });
}

const dataDir = await mkdtemp(join(tmpdir(), 'ensemble-bench-fanout-'));
const secret = new Uint8Array(randomBytes(32));
const config = EnsembleConfig.parse({
  org: 'acme',
  hub: { port: 0, dataDir },
  teams: [{ id: 'platform', name: 'Platform' }],
});
const hub = await startHub({ config, secret, logger: createLogger({ level: 'error' }) });
const relay = await startRelay();
const token = await createToken(secret, { sub: 'bench', spaces: { 'acme/*': 'write' } }, '1h');
const worker = new Worker(new URL('./lib/fanout-clients.mjs', import.meta.url));

out(
  `\nFan-out latency: ${UPDATES} updates every ${INTERVAL_MS} ms after ${WARMUP} warm-up, ${ROUNDS} rounds`,
);
const hubUrlFor = (space) => `${hub.url.replace(/^http/, 'ws')}/v1/sync/${space}?token=${token}`;
const rows = [];
const ratios = [];
try {
  // Warm both paths (JIT, sockets) before anything counts.
  for (const url of [relay.url, hubUrlFor('acme/bench-warmup')]) {
    await runOnClients(worker, {
      url,
      space: 'acme/bench-warmup',
      readers: 20,
      warmup: 0,
      updates: 50,
      intervalMs: 2,
      timeoutMs: 10_000,
    });
  }
  for (const readers of READERS) {
    const common = { readers, warmup: WARMUP, updates: UPDATES, intervalMs: INTERVAL_MS, timeoutMs: 15_000 };
    const samples = { relay: [], hub: [] };
    const missing = { relay: 0, hub: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      // A fresh space per run starts from an empty document, like the relay; alternating the
      // order spreads noise from other processes on this machine over both servers.
      const space = `acme/bench-${readers}-${round}`;
      const order = round % 2 === 0 ? ['relay', 'hub'] : ['hub', 'relay'];
      for (const name of order) {
        const url = name === 'relay' ? relay.url : hubUrlFor(space);
        const result = await runOnClients(worker, { ...common, url, space });
        samples[name].push(result.latencies);
        missing[name] += result.missing;
      }
    }
    const measured = {};
    for (const name of ['relay', 'hub']) {
      // Median over rounds of each round's percentile: one round disturbed by another process
      // on this machine does not decide the figure.
      const runs = samples[name];
      measured[name] = {
        p50: median(runs.map((run) => percentile(run, 50))),
        p99: median(runs.map((run) => percentile(run, 99))),
      };
      const count = runs.reduce((n, run) => n + run.length, 0);
      const lost = missing[name] > 0 ? `${missing[name]} MISSING` : '0';
      rows.push([name, readers, count, ms(measured[name].p50), ms(measured[name].p99), lost]);
    }
    ratios.push({
      readers,
      p50: measured.hub.p50 / measured.relay.p50,
      p99: measured.hub.p99 / measured.relay.p99,
    });
  }
} finally {
  await worker.terminate();
  await relay.close();
  await hub.close();
  await rm(dataDir, { recursive: true, force: true });
}

table(['server', 'readers', 'samples', 'p50 (median of rounds)', 'p99 (median of rounds)', 'lost'], rows);
out(machineLoad());
for (const { readers, p50 } of ratios) goalLine(`fan-out p50 ratio hub/relay at N=${readers}`, p50, GOAL);
for (const { readers, p99 } of ratios) goalLine(`fan-out p99 ratio hub/relay at N=${readers}`, p99, GOAL);
