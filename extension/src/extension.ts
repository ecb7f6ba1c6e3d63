import { createLogger } from '@ensemble/runtime';
import * as vscode from 'vscode';
import { registerAskAboutSelection } from './ask-selection.js';
import { type ChatViewProvider, registerChatView } from './chat-view.js';
import { registerConnectCommands } from './connect.js';
import { type DecisionsTreeProvider, registerDecisionsTree } from './decisions-tree.js';
import { registerOpenCitation } from './open-citation.js';
import { registerRecordDecision } from './record-decision.js';
import { registerSession, type Session } from './session.js';
import { registerStatusBar } from './status-bar.js';

/** What `activate` returns: lets integration tests and other extensions observe the live parts. */
export interface EnsembleApi {
  session: Session;
  chat: ChatViewProvider;
  decisions: DecisionsTreeProvider;
}

let active: Session | undefined;

export function activate(context: vscode.ExtensionContext): EnsembleApi {
  const output = vscode.window.createOutputChannel('Ensemble');
  context.subscriptions.push(output);
  const logger = createLogger({ write: (line) => output.appendLine(line) });
  const session = registerSession(context, logger);
  active = session;
  const chat = registerChatView(context, session);
  const decisions = registerDecisionsTree(context, session);
  registerStatusBar(context, session);
  registerConnectCommands(context, session);
  registerRecordDecision(context, session);
  registerAskAboutSelection(context, chat);
  registerOpenCitation(context);
  return { session, chat, decisions };
}

/** Saves the local copy before the extension host goes away. */
export async function deactivate(): Promise<void> {
  await active?.dispose();
  active = undefined;
}
