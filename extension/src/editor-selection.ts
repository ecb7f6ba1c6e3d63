import { EnsembleError, ErrorCode } from '@ensemble/core';
import * as vscode from 'vscode';
import { headCommit } from './git.js';
import type { SelectionFacts } from './provenance.js';

/** Reads the active editor's selection with its workspace-relative path and the checked-out commit. */
export async function currentSelection(): Promise<SelectionFacts> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.selection.isEmpty) {
    throw new EnsembleError(
      ErrorCode.InvalidInput,
      'Select the code or text first, then run the command again.',
    );
  }
  const { document, selection } = editor;
  const folder = vscode.workspace.getWorkspaceFolder(document.uri);
  const relativePath = folder
    ? vscode.workspace.asRelativePath(document.uri, false).replace(/\\/g, '/')
    : undefined;
  const commit = folder && folder.uri.scheme === 'file' ? await headCommit(folder.uri.fsPath) : undefined;
  return {
    relativePath,
    startLine: selection.start.line,
    endLine: selection.end.line,
    endCharacter: selection.end.character,
    text: document.getText(selection),
    commit,
  };
}
