import { SpaceId } from '@ensemble/core';
import * as vscode from 'vscode';
import { claimsOfToken } from './identity.js';
import { readSettings, type Session } from './session.js';
import { parseSettings } from './settings.js';

const errorOf = (check: () => unknown): string | undefined => {
  try {
    check();
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
};

/**
 * "Ensemble: Connect": asks for the hub URL, the team and a token (kept in SecretStorage), then
 * reopens the session. Each input is validated as it is typed, so nothing half-valid is saved.
 */
async function connect(session: Session): Promise<void> {
  const current = (() => {
    try {
      return readSettings();
    } catch {
      return { hubUrl: '', team: '' };
    }
  })();
  const hubUrl = await vscode.window.showInputBox({
    title: 'Ensemble: hub URL (1/3)',
    value: current.hubUrl,
    prompt: 'The address of your Ensemble hub',
    ignoreFocusOut: true,
    validateInput: (value) => errorOf(() => parseSettings({ hubUrl: value.trim(), team: '' })),
  });
  if (hubUrl === undefined) return;
  const team = await vscode.window.showInputBox({
    title: 'Ensemble: team (2/3)',
    value: current.team,
    prompt: 'Your team space, like acme/platform',
    ignoreFocusOut: true,
    validateInput: (value) =>
      SpaceId.safeParse(value.trim()).success ? undefined : 'Use a space id like acme/platform.',
  });
  if (team === undefined) return;
  const token = await vscode.window.showInputBox({
    title: 'Ensemble: token (3/3)',
    prompt: 'Paste a token from "ensemble token create" on the hub',
    password: true,
    ignoreFocusOut: true,
    validateInput: (value) => errorOf(() => claimsOfToken(value)),
  });
  if (token === undefined) return;
  const config = vscode.workspace.getConfiguration('ensemble');
  await config.update('hubUrl', hubUrl.trim(), vscode.ConfigurationTarget.Global);
  await config.update('team', team.trim(), vscode.ConfigurationTarget.Global);
  await session.tokens.set(token);
  await session.restart();
  void vscode.window.showInformationMessage(
    `Ensemble: connected as @${claimsOfToken(token).sub} to ${team.trim()}.`,
  );
}

export function registerConnectCommands(context: vscode.ExtensionContext, session: Session): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('ensemble.connect', () => connect(session)),
    vscode.commands.registerCommand('ensemble.signOut', async () => {
      await session.tokens.clear();
      await session.restart();
    }),
    vscode.commands.registerCommand('ensemble.openSettings', () =>
      vscode.commands.executeCommand('workbench.action.openSettings', '@ext:ensemble.ensemble-vscode'),
    ),
  );
}
