import * as assert from 'node:assert/strict';
import type { Item } from '@ensemble/core';
import * as vscode from 'vscode';
import type { EnsembleApi } from '../../src/extension.js';
import { readSettings } from '../../src/session.js';
import { HubProbe, waitFor } from './hub-probe.js';

const EXTENSION_ID = 'ensemble.ensemble-vscode';
const DB_FILE = 'src/db.ts';

async function api(): Promise<EnsembleApi> {
  const extension = vscode.extensions.getExtension<EnsembleApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not installed`);
  const exports = await extension.activate();
  await exports.session.ready();
  return exports;
}

async function selectLines(first: number, last: number): Promise<vscode.TextEditor> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests need a workspace folder');
  const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, DB_FILE));
  const editor = await vscode.window.showTextDocument(document);
  editor.selection = new vscode.Selection(first, 0, last, document.lineAt(last).text.length);
  return editor;
}

const record = (title: string) =>
  vscode.commands.executeCommand<Item | undefined>('ensemble.recordDecision', { title });

describe('Ensemble extension in VS Code', () => {
  const token = process.env.ENSEMBLE_TOKEN ?? '';
  let probe: HubProbe;

  before(async () => {
    assert.ok(token, 'ENSEMBLE_TOKEN must be set for the extension host');
    const { hubUrl, team } = readSettings();
    assert.equal(team, 'acme/platform');
    probe = new HubProbe(hubUrl, team, token);
  });

  after(() => probe.dispose());

  it('activates and registers its commands and views', async () => {
    const { session } = await api();
    assert.equal(session.local?.space, 'acme/platform');
    const commands = await vscode.commands.getCommands(true);
    for (const id of [
      'ensemble.connect',
      'ensemble.recordDecision',
      'ensemble.askAboutSelection',
      'ensemble.openSettings',
      'ensemble.refreshDecisions',
      'ensemble.chat.focus',
      'ensemble.decisions.focus',
    ]) {
      assert.ok(commands.includes(id), `command ${id} is missing`);
    }
  });

  it('syncs with the running hub', async () => {
    const { session } = await api();
    await waitFor('the synced state', () => session.state === 'synced');
  });

  it('records the selection as a decision with file, lines and commit, and it reaches the hub', async () => {
    const { session, decisions } = await api();
    await selectLines(1, 2);
    const item = await record('Use PostgreSQL for the orders database');
    assert.ok(item, 'the command returned no item');
    assert.equal(item.kind, 'decision');
    assert.equal(item.owner, 'alice');
    assert.equal(item.status, 'proposed');
    assert.match(item.body, /We use PostgreSQL/);
    assert.equal(item.source.surface, 'vscode');
    assert.equal(item.source.path, DB_FILE);
    assert.equal(item.source.line, 2);
    assert.equal(item.source.endLine, 3);
    assert.match(item.source.commit ?? '', /^[0-9a-f]{40}$/);
    assert.ok(session.local?.memory.get(item.id), 'not in the local copy');
    const atHub = await waitFor('the decision at the hub', () => probe.item(item.id));
    assert.equal(atHub.title, 'Use PostgreSQL for the orders database');

    const node = await waitFor('the decision in the tree', () =>
      decisions.getChildren().find((i) => i.id === item.id),
    );
    const treeItem = decisions.getTreeItem(node);
    assert.equal(treeItem.label, 'Use PostgreSQL for the orders database');
    assert.equal(treeItem.description, 'proposed · @alice');
  });

  it('refuses an empty selection or an empty title and stores nothing', async () => {
    const { session } = await api();
    const before = session.local?.memory.list().length;
    const editor = await selectLines(0, 0);
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    assert.equal(await record('No selection'), undefined);
    await selectLines(0, 0);
    assert.equal(await record('   '), undefined);
    assert.equal(session.local?.memory.list().length, before);
  });

  it('captures while the hub is unreachable and merges once it is back', async () => {
    const { session } = await api();
    const config = vscode.workspace.getConfiguration('ensemble');
    const hubUrl = readSettings().hubUrl;
    await config.update('hubUrl', 'http://127.0.0.1:9', vscode.ConfigurationTarget.Workspace);
    try {
      await waitFor('the offline state', () => session.local && session.state === 'offline');
      await selectLines(2, 2);
      const item = await record('Keep the orders database name in one constant');
      assert.ok(item);
      assert.equal(probe.item(item.id), undefined);
      await config.update('hubUrl', hubUrl, vscode.ConfigurationTarget.Workspace);
      await waitFor('the synced state', () => session.state === 'synced');
      await waitFor('the offline decision at the hub', () => probe.item(item.id));
    } finally {
      await config.update('hubUrl', hubUrl, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('shows what arrives from the hub in the decisions tree', async () => {
    const { decisions } = await api();
    const remote = probe.memory.create(
      { kind: 'decision', title: 'Retry payment webhooks three times', source: { surface: 'cli' } },
      { kind: 'person', id: 'alice' },
    );
    await waitFor('the remote decision in the tree', () =>
      decisions.getChildren().find((i) => i.id === remote.id),
    );
  });

  it('opens a cited file at its line and refuses paths outside the workspace', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('ensemble.openItemSource', { path: DB_FILE, line: 3 });
    const editor = await waitFor('the cited file', () => vscode.window.activeTextEditor);
    assert.ok(editor.document.uri.path.endsWith(DB_FILE));
    assert.equal(editor.selection.active.line, 2);
    await vscode.commands.executeCommand('ensemble.openItemSource', { path: '../../etc/hostname', line: 1 });
    assert.ok(vscode.window.activeTextEditor?.document.uri.path.endsWith(DB_FILE));
  });
});
