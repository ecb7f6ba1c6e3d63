import * as vscode from 'vscode';
import { isOpenableLink, isSafeRelativePath } from './citation-path.js';
import type { CitationTarget } from './protocol.js';

/** Opens what a citation points at: Slack and web links outside, files at their line in the workspace. */
export async function openCitation(target: CitationTarget): Promise<void> {
  if (target.link) {
    if (!isOpenableLink(target.link)) {
      void vscode.window.showWarningMessage(
        `Ensemble will not open "${target.link}": only http(s) and Slack links.`,
      );
      return;
    }
    await vscode.env.openExternal(vscode.Uri.parse(target.link));
    return;
  }
  if (!target.path) return;
  if (!isSafeRelativePath(target.path)) {
    void vscode.window.showWarningMessage(
      `The cited path "${target.path}" is not inside a workspace folder.`,
    );
    return;
  }
  const uri = await findInWorkspace(target.path);
  if (!uri) {
    void vscode.window.showWarningMessage(
      `${target.path} is not in this workspace. Open the repository it was recorded in to follow the citation.`,
    );
    return;
  }
  const line = Math.max(0, (target.line ?? 1) - 1);
  const position = new vscode.Position(line, 0);
  await vscode.window.showTextDocument(uri, {
    selection: new vscode.Range(position, position),
    preview: true,
  });
}

async function findInWorkspace(path: string): Promise<vscode.Uri | undefined> {
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const uri = vscode.Uri.joinPath(folder.uri, path);
    try {
      await vscode.workspace.fs.stat(uri);
      return uri;
    } catch {
      // not in this folder; try the next one
    }
  }
  return undefined;
}

export function registerOpenCitation(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('ensemble.openItemSource', (target: CitationTarget) =>
      openCitation(target),
    ),
  );
}
