import { isStopword, stem, tokenize } from './text.js';

/** Units normalised to a base so "2 weeks" and "14 days" compare equal. */
const UNITS: Record<string, { kind: string; factor: number }> = {
  ms: { kind: 'time', factor: 0.001 },
  millisecond: { kind: 'time', factor: 0.001 },
  s: { kind: 'time', factor: 1 },
  sec: { kind: 'time', factor: 1 },
  second: { kind: 'time', factor: 1 },
  min: { kind: 'time', factor: 60 },
  minute: { kind: 'time', factor: 60 },
  h: { kind: 'time', factor: 3600 },
  hr: { kind: 'time', factor: 3600 },
  hour: { kind: 'time', factor: 3600 },
  day: { kind: 'time', factor: 86400 },
  d: { kind: 'time', factor: 86400 },
  week: { kind: 'time', factor: 604800 },
  month: { kind: 'time', factor: 2592000 },
  year: { kind: 'time', factor: 31536000 },
  '%': { kind: 'percent', factor: 1 },
  percent: { kind: 'percent', factor: 1 },
  kb: { kind: 'bytes', factor: 1e3 },
  mb: { kind: 'bytes', factor: 1e6 },
  gb: { kind: 'bytes', factor: 1e9 },
  tb: { kind: 'bytes', factor: 1e12 },
  replica: { kind: 'replicas', factor: 1 },
  node: { kind: 'nodes', factor: 1 },
  retry: { kind: 'retries', factor: 1 },
  attempt: { kind: 'retries', factor: 1 },
  character: { kind: 'characters', factor: 1 },
  char: { kind: 'characters', factor: 1 },
  request: { kind: 'requests', factor: 1 },
  user: { kind: 'users', factor: 1 },
  approval: { kind: 'approvals', factor: 1 },
  reviewer: { kind: 'approvals', factor: 1 },
  time: { kind: 'times', factor: 1 },
};

const WORD_NUMBERS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  twelve: 12,
};

export interface Quantity {
  kind: string;
  value: number;
  /** Content words right before the number: what the quantity is about. */
  about: Set<string>;
}

export function quantitiesIn(text: string): Quantity[] {
  const tokens = tokenize(text);
  const out: Quantity[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string;
    const inline = /^(\d+(?:\.\d+)?)([a-z%]+)$/.exec(token);
    const number = inline
      ? Number(inline[1])
      : (WORD_NUMBERS[token] ?? (/^\d+(\.\d+)?$/.test(token) ? Number(token) : undefined));
    if (number === undefined || Number.isNaN(number)) continue;
    const unitWord = inline ? (inline[2] as string) : (tokens[i + 1] ?? '');
    const unit = UNITS[unitWord] ?? UNITS[stem(unitWord)];
    if (!unit) continue;
    const about = new Set(
      tokens
        .slice(Math.max(0, i - 4), i)
        .filter((t) => t.length > 2 && !/^\d/.test(t) && !isStopword(t))
        .map(stem),
    );
    out.push({ kind: unit.kind, value: number * unit.factor, about });
  }
  return out;
}
