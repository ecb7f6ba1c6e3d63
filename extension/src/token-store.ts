import * as vscode from 'vscode';

const KEY = 'ensemble.token';

/**
 * The hub token lives in VS Code's SecretStorage (the OS keychain on desktop). ENSEMBLE_TOKEN in
 * the environment is the fallback, for CI and tests where nobody can type into an input box.
 */
export class TokenStore implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  private readonly watch: vscode.Disposable;

  constructor(private readonly secrets: vscode.SecretStorage) {
    this.watch = secrets.onDidChange((event) => {
      if (event.key === KEY) this.emitter.fire();
    });
  }

  async get(): Promise<string | undefined> {
    const stored = await this.secrets.get(KEY);
    return stored || process.env.ENSEMBLE_TOKEN || undefined;
  }

  async set(token: string): Promise<void> {
    await this.secrets.store(KEY, token.trim());
  }

  async clear(): Promise<void> {
    await this.secrets.delete(KEY);
  }

  dispose(): void {
    this.watch.dispose();
    this.emitter.dispose();
  }
}
