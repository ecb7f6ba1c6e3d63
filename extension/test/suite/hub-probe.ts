import { type Item, type SpaceId, SpaceMemory } from '@ensemble/core';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { syncServerUrl } from '../../src/settings.js';

/** An independent client of the hub, to check what really reached it (not the extension's own copy). */
export class HubProbe {
  private readonly doc = new Y.Doc();
  private readonly provider: WebsocketProvider;
  readonly memory: SpaceMemory;

  constructor(hubUrl: string, space: SpaceId, token: string) {
    this.memory = new SpaceMemory(space, this.doc);
    this.provider = new WebsocketProvider(syncServerUrl(hubUrl), space, this.doc, {
      params: { token },
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    });
  }

  item(id: string): Item | undefined {
    return this.memory.list().find((i) => i.id === id);
  }

  dispose(): void {
    this.provider.destroy();
    this.doc.destroy();
  }
}

export async function waitFor<T>(
  what: string,
  condition: () => T | undefined | false,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = condition();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
