import { asEnsembleError } from '@ensemble/core';
import * as vscode from 'vscode';
import type { ChatViewProvider } from './chat-view.js';
import { currentSelection } from './editor-selection.js';
import { questionAboutSelection } from './provenance.js';

export interface AskSelectionArgs {
  question?: string;
}

/** Sends a question with the selected code as context to the chat view, and reveals the view. */
async function askAboutSelection(chat: ChatViewProvider, args: AskSelectionArgs = {}): Promise<void> {
  try {
    const facts = await currentSelection();
    const question =
      args.question ??
      (await vscode.window.showInputBox({
        title: 'Ensemble: ask about the selection',
        value: 'What have we decided about this?',
        validateInput: (value) => (value.trim() ? undefined : 'Type a question.'),
      }));
    if (question === undefined) return;
    await vscode.commands.executeCommand('ensemble.chat.focus');
    await chat.ask(
      questionAboutSelection(question, facts),
      facts.relativePath ? { path: facts.relativePath } : {},
    );
  } catch (e) {
    void vscode.window.showErrorMessage(asEnsembleError(e).message);
  }
}

export function registerAskAboutSelection(context: vscode.ExtensionContext, chat: ChatViewProvider): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('ensemble.askAboutSelection', (args?: AskSelectionArgs) =>
      askAboutSelection(chat, args ?? {}),
    ),
  );
}
