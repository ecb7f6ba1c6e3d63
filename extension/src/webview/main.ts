import type { Answer, AnswerCheck, AnswerSource } from '@ensemble/core';
import { type HostToWebview, parseHostToWebview, type WebviewToHost } from '../protocol.js';
import {
  checkBadge,
  citationLabel,
  citationTarget,
  conflictLine,
  ownersLine,
  splitCitations,
} from './render.js';

declare function acquireVsCodeApi(): { postMessage(message: unknown): void };

const vscode = acquireVsCodeApi();
const post = (message: WebviewToHost) => vscode.postMessage(message);

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const log = byId<HTMLDivElement>('log');
const form = byId<HTMLFormElement>('ask');
const input = byId<HTMLTextAreaElement>('question');
const teamLabel = byId<HTMLSpanElement>('team');
const stateLabel = byId<HTMLSpanElement>('state');

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string) {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

interface Turn {
  root: HTMLElement;
  text: HTMLElement;
  raw: string;
  sources: AnswerSource[];
  checks: AnswerCheck[];
}

const turns = new Map<string, Turn>();
let counter = 0;

function addQuestion(text: string): void {
  log.append(el('div', 'turn question', text));
}

function turnOf(id: string): Turn {
  let turn = turns.get(id);
  if (!turn) {
    const root = el('div', 'turn answer streaming');
    root.dataset.turn = id;
    const text = el('div', 'text');
    root.append(text);
    log.append(root);
    turn = { root, text, raw: '', sources: [], checks: [] };
    turns.set(id, turn);
  }
  return turn;
}

function citationButton(source: AnswerSource, label: string): HTMLElement {
  const target = citationTarget(source);
  const node = el(target ? 'button' : 'span', 'cite', label);
  node.title = `${source.title} (${source.status}, owner @${source.owner})`;
  if (target) node.addEventListener('click', () => post({ type: 'openCitation', target }));
  return node;
}

function renderText(turn: Turn): void {
  turn.text.replaceChildren(
    ...splitCitations(turn.raw, turn.sources).map((segment) =>
      segment.kind === 'text'
        ? document.createTextNode(segment.text)
        : citationButton(segment.source, `[${segment.n}]`),
    ),
  );
}

function renderDone(turn: Turn, answer: Answer): void {
  turn.raw = answer.text;
  turn.sources = answer.sources;
  turn.checks = answer.checks;
  renderText(turn);
  const parts: HTMLElement[] = [];
  if (answer.sources.length > 0) {
    const list = el('ol', 'sources');
    for (const source of answer.sources) {
      const item = el('li', 'source');
      item.append(
        citationButton(source, citationLabel(source)),
        el('span', 'source-title', ` ${source.title} `),
      );
      item.append(
        el('span', `status status-${source.status}`, source.status),
        el('span', 'owner', ` @${source.owner}`),
      );
      list.append(item);
    }
    parts.push(list);
  }
  if (answer.checks.length > 0) {
    const badges = el('div', 'badges');
    for (const check of answer.checks) {
      const badge = checkBadge(check);
      const node = el('span', `badge badge-${badge.tone}`, badge.label);
      node.title = badge.title;
      badges.append(node);
    }
    parts.push(badges);
  }
  for (const check of answer.checks) {
    const line = conflictLine(check);
    if (line) parts.push(el('div', 'conflict', line));
  }
  if (!answer.covered)
    parts.push(
      el('div', 'uncovered', 'Nothing recorded covers this yet; the question was recorded for its owner.'),
    );
  parts.push(el('div', 'owners', ownersLine(answer.owners)));
  turn.root.append(...parts);
  turn.root.classList.remove('streaming');
  turn.root.classList.add('done');
}

function showError(message: Extract<HostToWebview, { type: 'error' }>): void {
  const node = el('div', 'turn error', message.message);
  node.dataset.code = message.code;
  if (message.code === 'unauthorized') {
    const connect = el('button', 'link', 'Connect…');
    connect.addEventListener('click', () => post({ type: 'connect' }));
    node.append(' ', connect);
  }
  const turn = message.turn ? turns.get(message.turn) : undefined;
  if (turn) {
    turn.root.classList.remove('streaming');
    turn.root.append(node);
  } else log.append(node);
}

function handle(message: HostToWebview): void {
  switch (message.type) {
    case 'hello':
      teamLabel.textContent = message.team || 'no team set';
      stateLabel.textContent = message.state;
      return;
    case 'state':
      stateLabel.textContent = message.state;
      return;
    case 'question':
      addQuestion(message.text);
      turnOf(message.turn);
      return;
    case 'delta': {
      const turn = turnOf(message.turn);
      turn.raw += message.text;
      renderText(turn);
      return;
    }
    case 'sources': {
      const turn = turnOf(message.turn);
      turn.sources = message.sources;
      renderText(turn);
      return;
    }
    case 'checks':
      turnOf(message.turn).checks = message.checks;
      return;
    case 'done':
      renderDone(turnOf(message.turn), message.answer);
      return;
    case 'error':
      showError(message);
      return;
  }
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const parsed = parseHostToWebview(event.data);
  if (parsed.ok) {
    handle(parsed.message);
    log.scrollTop = log.scrollHeight;
  }
});

function send(): void {
  const question = input.value.trim();
  if (!question) return;
  counter += 1;
  const turn = `w${Date.now().toString(36)}-${counter}`;
  addQuestion(question);
  turnOf(turn);
  input.value = '';
  post({ type: 'ask', turn, question });
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  send();
});
input.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey) {
    event.preventDefault();
    send();
  }
});

post({ type: 'ready' });
