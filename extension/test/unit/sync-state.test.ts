import { describe, expect, it } from 'vitest';
import type { SyncState } from '../../src/protocol.js';
import { nextSyncState, type SyncEvent, UNAUTHORIZED_CLOSE } from '../../src/sync-state.js';

const run = (start: SyncState, events: SyncEvent[]) => events.reduce(nextSyncState, start);

describe('sync state', () => {
  it('goes connecting → connected → synced, and offline when the socket drops', () => {
    expect(run('connecting', [{ type: 'status', status: 'connected' }])).toBe('connected');
    expect(
      run('connecting', [
        { type: 'status', status: 'connected' },
        { type: 'sync', synced: true },
      ]),
    ).toBe('synced');
    expect(run('synced', [{ type: 'status', status: 'disconnected' }])).toBe('offline');
  });

  it('stays offline while reconnect attempts fail, instead of flickering', () => {
    expect(
      run('offline', [
        { type: 'status', status: 'connecting' },
        { type: 'closed', code: 1006 },
      ]),
    ).toBe('offline');
    expect(run('offline', [{ type: 'status', status: 'connecting' }])).toBe('offline');
  });

  it('becomes unauthorized on the hub close code or an HTTP 401 upgrade refusal, and stays so', () => {
    expect(run('connecting', [{ type: 'closed', code: UNAUTHORIZED_CLOSE }])).toBe('unauthorized');
    const refused = run('connecting', [
      { type: 'connection-error', message: 'Unexpected server response: 401' },
    ]);
    expect(refused).toBe('unauthorized');
    expect(
      run('unauthorized', [
        { type: 'status', status: 'connected' },
        { type: 'sync', synced: true },
      ]),
    ).toBe('unauthorized');
  });
});
