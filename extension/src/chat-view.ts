import { type AnswerEvent, type AskTurn, ErrorCode } from '@ensemble/core';
import * as vscode from 'vscode';
import { askHub } from './ask-client.js';
import { chatHtml } from './chat-html.js';
import { openCitation } from './open-citation.js';
import { type HostToWebview, parseWebviewToHost, type WebviewToHost } from './protocol.js';
import { readSettings, type Session } from './session.js';

export const CHAT_VIEW_ID = 'ensemble.chat';
const MAX_THREAD = 20;
const MAX_PENDING = 500;

export interface AskContext {
  /** The file the question is about, for ownership rules. */
  path?: string;
}

/** The sidebar chat: asks the hub, streams the answer into the webview with citations and owners. */
export class ChatViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  private view: vscode.WebviewView | undefined;
  private ready = false;
  private readonly pending: HostToWebview[] = [];
  private readonly thread: AskTurn[] = [];
  private readonly disposables: vscode.Disposable[] = [];
  private turns = 0;
  /** In-flight answers, cancelled when the extension shuts down. */
  private readonly inFlight = new Set<AbortController>();

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly session: Session,
  ) {
    this.disposables.push(session.onDidChangeState((state) => this.post({ type: 'state', state })));
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    this.ready = false;
    const dist = vscode.Uri.joinPath(this.extensionUri, 'dist');
    const media = vscode.Uri.joinPath(this.extensionUri, 'media');
    view.webview.options = { enableScripts: true, localResourceRoots: [dist, media] };
    view.webview.html = chatHtml({
      cspSource: view.webview.cspSource,
      scriptUri: view.webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.js')).toString(),
      styleUri: view.webview.asWebviewUri(vscode.Uri.joinPath(media, 'chat.css')).toString(),
    }).html;
    this.disposables.push(
      view.webview.onDidReceiveMessage((raw: unknown) => {
        const parsed = parseWebviewToHost(raw);
        if (parsed.ok) void this.receive(parsed.message);
      }),
      view.onDidDispose(() => {
        this.view = undefined;
        this.ready = false;
      }),
    );
  }

  /** Asks on behalf of a command (e.g. "Ask about selection"): the question appears in the chat too. */
  async ask(question: string, about: AskContext = {}): Promise<void> {
    this.turns += 1;
    const turn = `h${this.turns}`;
    this.post({ type: 'question', turn, text: question });
    await this.answer(turn, question, about);
  }

  dispose(): void {
    for (const abort of this.inFlight) abort.abort();
    for (const d of this.disposables) d.dispose();
  }

  private async receive(message: WebviewToHost): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.send({ type: 'hello', team: safeTeam(), state: this.session.state });
        for (const queued of this.pending.splice(0)) this.send(queued);
        return;
      case 'ask':
        return this.answer(message.turn, message.question, {});
      case 'openCitation':
        return openCitation(message.target);
      case 'connect':
        await vscode.commands.executeCommand('ensemble.connect');
        return;
    }
  }

  private async answer(turn: string, question: string, about: AskContext): Promise<void> {
    const token = await this.session.tokens.get();
    let settings: ReturnType<typeof readSettings>;
    try {
      settings = readSettings();
    } catch (e) {
      this.post({ type: 'error', turn, code: ErrorCode.InvalidConfig, message: (e as Error).message });
      return;
    }
    if (!settings.team || !token) {
      const message = settings.team
        ? 'Sign in first: run "Ensemble: Connect" with a token from your hub.'
        : 'Set your team first: run "Ensemble: Connect" or set ensemble.team.';
      this.post({ type: 'error', turn, code: ErrorCode.Unauthorized, message });
      return;
    }
    const request = {
      question,
      space: settings.team,
      thread: this.thread.slice(-MAX_THREAD),
      ...(about.path ? { about: { path: about.path } } : {}),
    };
    const abort = new AbortController();
    this.inFlight.add(abort);
    try {
      await this.stream(
        turn,
        question,
        askHub({ hubUrl: settings.hubUrl, token, request, signal: abort.signal }),
      );
    } finally {
      this.inFlight.delete(abort);
    }
  }

  private async stream(turn: string, question: string, events: AsyncIterable<AnswerEvent>): Promise<void> {
    for await (const event of events) {
      this.post(toWebview(turn, event));
      if (event.type === 'done') {
        this.thread.push(
          { role: 'user', text: question.slice(0, 8000) },
          { role: 'assistant', text: event.answer.text.slice(0, 8000) },
        );
        this.thread.splice(0, Math.max(0, this.thread.length - MAX_THREAD));
      }
    }
  }

  private post(message: HostToWebview): void {
    if (this.view && this.ready) this.send(message);
    // Until the view is opened, keep what it must show (bounded: a closed view must not grow memory).
    else if (message.type !== 'state' && this.pending.length < MAX_PENDING) this.pending.push(message);
  }

  private send(message: HostToWebview): void {
    void this.view?.webview.postMessage(message);
  }
}

function toWebview(turn: string, event: AnswerEvent): HostToWebview {
  return { ...event, turn };
}

function safeTeam(): string {
  try {
    return readSettings().team;
  } catch {
    return '';
  }
}

export function registerChatView(context: vscode.ExtensionContext, session: Session): ChatViewProvider {
  const provider = new ChatViewProvider(context.extensionUri, session);
  context.subscriptions.push(
    provider,
    vscode.window.registerWebviewViewProvider(CHAT_VIEW_ID, provider, {
      webviewOptions: { retainContextWhenHidden: true },
    }),
  );
  return provider;
}
