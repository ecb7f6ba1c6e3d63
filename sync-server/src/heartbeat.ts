import type { WebSocket, WebSocketServer } from 'ws';

/**
 * Pings every tracked socket each interval and terminates those that did not answer the
 * previous ping: a peer that vanished without closing (laptop lid, dropped network).
 */
export function startHeartbeat(wss: WebSocketServer, intervalMs: number) {
  const answered = new WeakSet<WebSocket>();
  const timer = setInterval(() => {
    for (const ws of wss.clients) {
      if (!answered.has(ws)) {
        ws.terminate();
        continue;
      }
      answered.delete(ws);
      ws.ping();
    }
  }, intervalMs);
  timer.unref();
  return {
    /** Call for every accepted socket; it counts as alive until its first missed ping. */
    track(ws: WebSocket): void {
      answered.add(ws);
      ws.on('pong', () => answered.add(ws));
    },
    stop: () => clearInterval(timer),
  };
}
