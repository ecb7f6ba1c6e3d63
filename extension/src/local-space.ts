import { createTextGuard } from '@ensemble/assistant/guard';
import { EnsembleError, ErrorCode, GuardPolicy, type SpaceId, SpaceMemory } from '@ensemble/core';
import type { Logger } from '@ensemble/runtime';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { SyncState } from './protocol.js';
import { loadState, saveState, stateFileOf } from './state-file.js';
import { nextSyncState, type SyncEvent } from './sync-state.js';

export interface LocalSpaceOptions {
  space: SpaceId;
  storageDir: string;
  logger: Logger;
  /** Debounce for writing the local copy to disk after a change. */
  saveDelayMs?: number;
}

type Listener<T> = (value: T) => void;

/**
 * The extension's own copy of the team's space: a Y.Doc persisted in the extension's storage and,
 * when a hub and token are known, kept in sync with the hub. Writes go to the local doc first, so
 * capture works offline and merges on reconnect.
 */
export class LocalSpace {
  readonly doc = new Y.Doc();
  readonly memory: SpaceMemory;
  private provider: WebsocketProvider | undefined;
  private current: SyncState = 'offline';
  private readonly file: string;
  private saveTimer: NodeJS.Timeout | undefined;
  private saving: Promise<void> = Promise.resolve();
  private readonly stateListeners = new Set<Listener<SyncState>>();
  private readonly changeListeners = new Set<Listener<void>>();
  private readonly unobserve: () => void;

  private constructor(private readonly options: LocalSpaceOptions) {
    // Secrets and personal data are redacted here, before anything leaves the editor.
    this.memory = new SpaceMemory(options.space, this.doc, { guard: createTextGuard(GuardPolicy.parse({})) });
    this.file = stateFileOf(options.storageDir, options.space);
    this.doc.on('update', this.onUpdate);
    this.unobserve = this.memory.observe(() => {
      for (const listener of this.changeListeners) listener();
    });
  }

  /** Opens the space, loading the saved local copy first. */
  static async open(options: LocalSpaceOptions): Promise<LocalSpace> {
    const space = new LocalSpace(options);
    const loaded = await loadState(space.file, space.doc);
    const fields = { space: options.space, loaded, items: space.doc.getMap('items').size };
    if (loaded === 'set-aside') options.logger.warn('local_copy_unreadable_set_aside', fields);
    else options.logger.info('local_copy_opened', fields);
    return space;
  }

  get space(): SpaceId {
    return this.options.space;
  }

  get state(): SyncState {
    return this.current;
  }

  onDidChangeState(listener: Listener<SyncState>): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  onDidChangeItems(listener: Listener<void>): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /** Starts syncing with the hub at `serverUrl` (ws://host/v1/sync); reconnects by itself. */
  connect(serverUrl: string, token: string): void {
    this.disconnect();
    this.setState('connecting');
    const provider = new WebsocketProvider(serverUrl, this.options.space, this.doc, {
      params: { token },
      // Node 20's extension host has no global WebSocket; `ws` speaks the same API.
      WebSocketPolyfill: (globalThis.WebSocket ?? WebSocket) as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      maxBackoffTime: 5000,
    });
    const feed = (event: SyncEvent) => {
      if (this.provider !== provider) return;
      this.setState(nextSyncState(this.current, event));
      // Retrying a rejected token only hammers the hub; a new token reconnects (see Session).
      if (this.current === 'unauthorized') provider.disconnect();
    };
    provider.on('status', ({ status }) => feed({ type: 'status', status }));
    provider.on('sync', (synced: boolean) => feed({ type: 'sync', synced }));
    provider.on('closed', ({ code }) => feed({ type: 'closed', code }));
    provider.on('connection-error', (event: unknown) =>
      feed({ type: 'connection-error', message: describe(event) }),
    );
    this.provider = provider;
  }

  disconnect(): void {
    const provider = this.provider;
    this.provider = undefined;
    provider?.destroy();
    this.setState('offline');
  }

  /** Resolves once the local copy and the hub have exchanged state, or rejects after `timeoutMs`. */
  whenSynced(timeoutMs: number): Promise<void> {
    if (this.current === 'synced') return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(new EnsembleError(ErrorCode.Unavailable, `Not synced with the hub after ${timeoutMs} ms.`));
      }, timeoutMs);
      const off = this.onDidChangeState((state) => {
        if (state !== 'synced') return;
        clearTimeout(timer);
        off();
        resolve();
      });
    });
  }

  /** Writes any pending change to disk now. */
  async flush(): Promise<void> {
    if (this.saveTimer) {
      clearTimeout(this.saveTimer);
      this.saveTimer = undefined;
      this.queueSave();
    }
    await this.saving;
  }

  async dispose(): Promise<void> {
    this.disconnect();
    this.unobserve();
    this.doc.off('update', this.onUpdate);
    await this.flush();
    this.stateListeners.clear();
    this.changeListeners.clear();
    this.doc.destroy();
  }

  private readonly onUpdate = (_update: Uint8Array, origin: unknown) => {
    if (origin === 'local-copy') return;
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      this.queueSave();
    }, this.options.saveDelayMs ?? 300);
  };

  private queueSave(): void {
    this.saving = this.saving
      .then(() => saveState(this.file, this.doc))
      .catch((e: unknown) => this.options.logger.error('local_copy_save_failed', { error: describe(e) }));
  }

  private setState(state: SyncState): void {
    if (state === this.current) return;
    this.current = state;
    this.options.logger.info('sync_state', { space: this.options.space, state });
    for (const listener of this.stateListeners) listener(state);
  }
}

function describe(e: unknown): string {
  if (e instanceof Error) return e.message;
  if (e && typeof e === 'object' && 'message' in e) return String((e as { message: unknown }).message);
  return String(e);
}
