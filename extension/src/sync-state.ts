import type { SyncState } from './protocol.js';

/** The hub's close code for a rejected or expired token (see sync-server close codes). */
export const UNAUTHORIZED_CLOSE = 4401;

export type SyncEvent =
  | { type: 'status'; status: 'connecting' | 'connected' | 'disconnected' }
  | { type: 'sync'; synced: boolean }
  | { type: 'closed'; code: number }
  | { type: 'connection-error'; message: string };

/**
 * Folds y-websocket provider events into the one state the status bar and chat show.
 * Unauthorized sticks until the user reconnects: retrying a rejected token only spams the hub.
 */
export function nextSyncState(current: SyncState, event: SyncEvent): SyncState {
  if (current === 'unauthorized') return current;
  switch (event.type) {
    case 'status':
      if (event.status === 'connected') return current === 'synced' ? current : 'connected';
      return event.status === 'connecting' ? (current === 'offline' ? 'offline' : 'connecting') : 'offline';
    case 'sync':
      return event.synced ? 'synced' : current === 'synced' ? 'connected' : current;
    case 'closed':
      return event.code === UNAUTHORIZED_CLOSE ? 'unauthorized' : 'offline';
    case 'connection-error':
      return /\b401\b|\b403\b/.test(event.message) ? 'unauthorized' : 'offline';
  }
}

export const syncStateLabel: Record<SyncState, { text: string; tooltip: string }> = {
  unconfigured: {
    text: '$(gear) Ensemble: set up',
    tooltip: 'Set ensemble.team and run "Ensemble: Connect" to share decisions with your team.',
  },
  offline: {
    text: '$(cloud-offline) Ensemble: offline',
    tooltip: 'Not connected to the hub. Decisions are kept locally and merge when the hub is back.',
  },
  connecting: { text: '$(sync~spin) Ensemble: connecting', tooltip: 'Connecting to the hub…' },
  connected: {
    text: '$(sync~spin) Ensemble: syncing',
    tooltip: 'Connected; exchanging changes with the hub…',
  },
  synced: { text: '$(check) Ensemble: synced', tooltip: 'Your local copy matches the hub.' },
  unauthorized: {
    text: '$(warning) Ensemble: sign in',
    tooltip: 'The hub rejected the token. Run "Ensemble: Connect" with a new token.',
  },
};
