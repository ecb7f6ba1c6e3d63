import { asEnsembleError, type Item, person, Title } from '@ensemble/core';
import * as vscode from 'vscode';
import { currentSelection } from './editor-selection.js';
import { decisionFromSelection, defaultTitle } from './provenance.js';
import type { Session } from './session.js';

export interface RecordDecisionArgs {
  /** Skips the title prompt (used by keybindings and tests). */
  title?: string;
}

/**
 * Records the selection as a proposed decision owned by the signed-in person, with file, line
 * range and commit as its source. It is written to the local copy, so it works offline.
 */
async function recordDecision(session: Session, args: RecordDecisionArgs = {}): Promise<Item | undefined> {
  try {
    const facts = await currentSelection();
    const local = session.local;
    if (!local) {
      throw new Error('Set your team first: run "Ensemble: Connect" or set ensemble.team.');
    }
    const who = await session.person();
    if (!who)
      throw new Error('Sign in first: run "Ensemble: Connect" so the decision names you as its owner.');
    const title =
      args.title ??
      (await vscode.window.showInputBox({
        title: 'Ensemble: record decision',
        prompt: 'A one-line title for the decision',
        value: defaultTitle(facts.text),
        validateInput: (value) =>
          Title.safeParse(value).success ? undefined : 'Give the decision a title (1–200 characters).',
      }));
    if (title === undefined) return undefined;
    const item = local.memory.create(decisionFromSelection(facts, title), person(who));
    const where =
      local.state === 'synced'
        ? `shared with ${local.space}`
        : 'saved locally; it syncs when the hub is reachable';
    void vscode.window.showInformationMessage(`Recorded “${item.title}” (${where}).`);
    return item;
  } catch (e) {
    void vscode.window.showErrorMessage(asEnsembleError(e).message);
    return undefined;
  }
}

export function registerRecordDecision(context: vscode.ExtensionContext, session: Session): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('ensemble.recordDecision', (args?: RecordDecisionArgs) =>
      recordDecision(session, args ?? {}),
    ),
  );
}
