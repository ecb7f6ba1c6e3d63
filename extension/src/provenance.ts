import { type NewItem, Source } from '@ensemble/core';

/** What the editor knows about a selection, in VS Code's 0-based coordinates. */
export interface SelectionFacts {
  /** The file's path relative to its workspace folder, with forward slashes; absent for untitled files. */
  relativePath: string | undefined;
  startLine: number;
  endLine: number;
  /** Where the selection ends; a selection ending at column 0 does not include that line. */
  endCharacter: number;
  text: string;
  commit: string | undefined;
}

/** Source of a decision captured in the editor: file, 1-based line range and the commit it was read at. */
export function sourceOfSelection(facts: SelectionFacts): Source {
  const first = facts.startLine + 1;
  const lastIncluded =
    facts.endCharacter === 0 && facts.endLine > facts.startLine ? facts.endLine : facts.endLine + 1;
  return Source.parse({
    surface: 'vscode',
    ...(facts.relativePath ? { path: facts.relativePath } : {}),
    line: first,
    ...(lastIncluded > first ? { endLine: lastIncluded } : {}),
    ...(facts.commit && /^[0-9a-f]{7,64}$/.test(facts.commit) ? { commit: facts.commit } : {}),
  });
}

/** The default title: the selection's first non-empty line, stripped of comment markers, at most 200 chars. */
export function defaultTitle(text: string): string {
  const line = text
    .split(/\r?\n/)
    .map((l) =>
      l
        .replace(/^\s*(\/\/+|#+|\/\*+|\*+|--|<!--)\s*/, '')
        .replace(/\s*(\*\/|-->)\s*$/, '')
        .trim(),
    )
    .find((l) => l.length > 0);
  return (line ?? '').slice(0, 200);
}

export function decisionFromSelection(facts: SelectionFacts, title: string): NewItem {
  return { kind: 'decision', title, body: facts.text, source: sourceOfSelection(facts) };
}

/** The question sent to the chat for "Ask about selection": the question plus the code as context. */
export function questionAboutSelection(question: string, facts: SelectionFacts): string {
  const where = facts.relativePath ? `${facts.relativePath}:${facts.startLine + 1}` : 'the current selection';
  const code = facts.text.length > 3000 ? `${facts.text.slice(0, 3000)}\n…` : facts.text;
  return `${question.trim()}\n\nAbout ${where}:\n\`\`\`\n${code}\n\`\`\``.slice(0, 4000);
}
