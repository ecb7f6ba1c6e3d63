import * as vscode from 'vscode';
import type { SyncState } from './protocol.js';
import type { Session } from './session.js';
import { syncStateLabel } from './sync-state.js';

const commandFor = (state: SyncState): string =>
  state === 'unauthorized' || state === 'unconfigured'
    ? 'ensemble.connect'
    : 'workbench.view.extension.ensemble';

/** Shows whether the local copy is synced with the hub; clicking it leads to the fix. */
export function registerStatusBar(context: vscode.ExtensionContext, session: Session): vscode.StatusBarItem {
  const item = vscode.window.createStatusBarItem('ensemble.sync', vscode.StatusBarAlignment.Left, 10);
  item.name = 'Ensemble sync';
  const show = (state: SyncState) => {
    item.text = syncStateLabel[state].text;
    item.tooltip = syncStateLabel[state].tooltip;
    item.command = commandFor(state);
    item.show();
  };
  show(session.state);
  context.subscriptions.push(item, session.onDidChangeState(show));
  return item;
}
