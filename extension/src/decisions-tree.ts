import type { Item, ItemStatus } from '@ensemble/core';
import * as vscode from 'vscode';
import type { Session } from './session.js';

export const DECISIONS_VIEW_ID = 'ensemble.decisions';

const statusIcon: Record<ItemStatus, string> = {
  accepted: 'pass',
  proposed: 'circle-outline',
  disputed: 'warning',
  superseded: 'history',
  rejected: 'circle-slash',
};

/** The team's decisions from the local copy, newest first: title, status and owner. */
export class DecisionsTreeProvider implements vscode.TreeDataProvider<Item>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly session: Session) {
    this.subscription = session.onDidChangeItems(() => this.refresh());
  }

  refresh(): void {
    this.emitter.fire();
  }

  getChildren(element?: Item): Item[] {
    if (element) return [];
    const decisions = this.session.local?.memory.list({ kind: 'decision' }) ?? [];
    return decisions.reverse();
  }

  getTreeItem(item: Item): vscode.TreeItem {
    const node = new vscode.TreeItem(item.title, vscode.TreeItemCollapsibleState.None);
    node.id = item.id;
    node.description = `${item.status} · @${item.owner}`;
    node.iconPath = new vscode.ThemeIcon(statusIcon[item.status]);
    node.contextValue = `decision.${item.status}`;
    const tooltip = new vscode.MarkdownString(undefined, false);
    tooltip.appendMarkdown(`**${escapeMarkdown(item.title)}**\n\n`);
    tooltip.appendMarkdown(`${item.status} · owner @${escapeMarkdown(item.owner)}`);
    if (item.source.path)
      tooltip.appendMarkdown(` · ${escapeMarkdown(item.source.path)}:${item.source.line ?? 1}`);
    if (item.body) tooltip.appendCodeblock(item.body.slice(0, 1000));
    node.tooltip = tooltip;
    if (item.source.path || item.source.link) {
      node.command = {
        command: 'ensemble.openItemSource',
        title: 'Open Source',
        arguments: [{ path: item.source.path, line: item.source.line, link: item.source.link }],
      };
    }
    return node;
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }
}

const escapeMarkdown = (text: string) => text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');

export function registerDecisionsTree(
  context: vscode.ExtensionContext,
  session: Session,
): DecisionsTreeProvider {
  const provider = new DecisionsTreeProvider(session);
  context.subscriptions.push(
    provider,
    vscode.window.createTreeView(DECISIONS_VIEW_ID, { treeDataProvider: provider }),
    vscode.commands.registerCommand('ensemble.refreshDecisions', () => provider.refresh()),
  );
  return provider;
}
