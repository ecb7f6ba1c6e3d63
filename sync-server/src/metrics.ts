import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * Prometheus metrics of one hub. Each hub owns its registry (not prom-client's global one), so
 * several hubs in one process (tests) never share or clash on counters.
 */
export function createHubMetrics() {
  const registry = new Registry();
  const registers = [registry];
  return {
    registry,
    connections: new Gauge({
      name: 'ensemble_hub_connections',
      help: 'Open websocket connections',
      registers,
    }),
    messagesIn: new Counter({
      name: 'ensemble_hub_messages_in_total',
      help: 'Websocket messages received, by type',
      labelNames: ['type'] as const,
      registers,
    }),
    messagesOut: new Counter({
      name: 'ensemble_hub_messages_out_total',
      help: 'Websocket messages sent, by type',
      labelNames: ['type'] as const,
      registers,
    }),
    readOnlyWritesDropped: new Counter({
      name: 'ensemble_hub_readonly_writes_dropped_total',
      help: 'Updates from read-only connections that were dropped',
      registers,
    }),
    malformedFrames: new Counter({
      name: 'ensemble_hub_malformed_frames_total',
      help: 'Frames that could not be decoded; each closed its socket',
      registers,
    }),
    updateBytes: new Counter({
      name: 'ensemble_hub_update_bytes_total',
      help: 'Bytes of updates persisted and fanned out',
      registers,
    }),
    fanoutSeconds: new Histogram({
      name: 'ensemble_hub_fanout_seconds',
      help: 'Time to persist an update and send it to every connection of its space',
      buckets: [0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5],
      registers,
    }),
    spacesLoaded: new Gauge({ name: 'ensemble_hub_spaces_loaded', help: 'Spaces held in memory', registers }),
    loadSeconds: new Histogram({
      name: 'ensemble_hub_space_load_seconds',
      help: 'Time to load a space from storage',
      buckets: [0.001, 0.01, 0.05, 0.1, 0.5, 1, 5],
      registers,
    }),
    httpRequests: new Counter({
      name: 'ensemble_hub_http_requests_total',
      help: 'HTTP API requests, by route and status',
      labelNames: ['route', 'status'] as const,
      registers,
    }),
  };
}
export type HubMetrics = ReturnType<typeof createHubMetrics>;
