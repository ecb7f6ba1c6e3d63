import { asEnsembleError, type PersonId } from '@ensemble/core';
import type { Logger } from '@ensemble/runtime';
import * as vscode from 'vscode';
import { claimsOfToken } from './identity.js';
import { LocalSpace } from './local-space.js';
import type { SyncState } from './protocol.js';
import { type ExtensionSettings, parseSettings, syncServerUrl } from './settings.js';
import { TokenStore } from './token-store.js';

export const readSettings = (): ExtensionSettings => {
  const config = vscode.workspace.getConfiguration('ensemble');
  return parseSettings({ hubUrl: config.get('hubUrl'), team: config.get('team') });
};

/**
 * Which team space is open and how it syncs. Rebuilt whenever the settings or the token change;
 * every feature reads the local copy through here and listens for its changes.
 */
export class Session implements vscode.Disposable {
  readonly tokens: TokenStore;
  private space: LocalSpace | undefined;
  private hasToken = false;
  private restarting: Promise<void> = Promise.resolve();
  private restartQueued = false;
  private unsubscribe: (() => void)[] = [];
  private readonly stateEmitter = new vscode.EventEmitter<SyncState>();
  private readonly itemsEmitter = new vscode.EventEmitter<void>();
  readonly onDidChangeState = this.stateEmitter.event;
  /** Fires when items change or when another space was opened. */
  readonly onDidChangeItems = this.itemsEmitter.event;

  constructor(
    secrets: vscode.SecretStorage,
    private readonly storageDir: string,
    private readonly logger: Logger,
  ) {
    this.tokens = new TokenStore(secrets);
  }

  get local(): LocalSpace | undefined {
    return this.space;
  }

  get state(): SyncState {
    if (!this.space) return 'unconfigured';
    if (!this.hasToken) return 'unauthorized';
    return this.space.state;
  }

  /** Who records decisions from this editor: the person the token names. */
  async person(): Promise<PersonId | undefined> {
    const token = await this.tokens.get();
    return token ? claimsOfToken(token).sub : undefined;
  }

  /**
   * Closes the current space (saving it) and opens the configured one. Calls are serialised, and a
   * burst of calls (Connect changes the URL, the team and the token at once) reopens only once.
   */
  restart(): Promise<void> {
    if (this.restartQueued) return this.restarting;
    this.restartQueued = true;
    this.restarting = this.restarting
      .then(() => {
        this.restartQueued = false;
        return this.reopen();
      })
      .catch((e: unknown) => this.report(e));
    return this.restarting;
  }

  /** Resolves after every restart requested so far has finished. */
  ready(): Promise<void> {
    return this.restarting;
  }

  async dispose(): Promise<void> {
    await this.close();
    this.tokens.dispose();
    this.stateEmitter.dispose();
    this.itemsEmitter.dispose();
  }

  private async reopen(): Promise<void> {
    await this.close();
    const settings = readSettings();
    const token = await this.tokens.get();
    this.hasToken = token !== undefined;
    if (settings.team) {
      const space = await LocalSpace.open({
        space: settings.team,
        storageDir: this.storageDir,
        logger: this.logger,
      });
      this.space = space;
      this.unsubscribe = [
        space.onDidChangeState(() => this.stateEmitter.fire(this.state)),
        space.onDidChangeItems(() => this.itemsEmitter.fire()),
      ];
      if (token) space.connect(syncServerUrl(settings.hubUrl), token);
    }
    this.stateEmitter.fire(this.state);
    this.itemsEmitter.fire();
  }

  private async close(): Promise<void> {
    for (const off of this.unsubscribe) off();
    this.unsubscribe = [];
    const space = this.space;
    this.space = undefined;
    await space?.dispose();
  }

  private report(e: unknown): void {
    const error = asEnsembleError(e);
    this.logger.error('session_restart_failed', { code: error.code });
    this.stateEmitter.fire(this.state);
    void vscode.window.showErrorMessage(error.message);
  }
}

export function registerSession(context: vscode.ExtensionContext, logger: Logger): Session {
  const session = new Session(context.secrets, context.globalStorageUri.fsPath, logger);
  context.subscriptions.push(
    session,
    session.tokens.onDidChange(() => void session.restart()),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('ensemble')) void session.restart();
    }),
  );
  void session.restart();
  return session;
}
