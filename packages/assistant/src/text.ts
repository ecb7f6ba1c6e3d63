/** Small text helpers shared by the offline retriever, the extractive provider and the eval. */

const STOPWORDS = new Set(
  'a an and are as at be by can do does for from has have how i in is it its may of on or our should so that the their there this to was we what when where which who why will with you your use used using'.split(
    ' ',
  ),
);

/** Lowercase content words, without stopwords; stable across runs (no locale tricks). */
export function contentWords(text: string): string[] {
  return (text.toLowerCase().match(/[a-z0-9][a-z0-9_-]*/g) ?? [])
    .map((w) => stem(w))
    .filter((w) => w.length > 1 && !STOPWORDS.has(w));
}

/** Crude plural folding so "deploys" and "deploy" meet; good enough for overlap scoring. */
function stem(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

export function splitSentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** Share of the query's distinct words that appear in the candidate, 0..1. */
export function overlapScore(queryWords: readonly string[], candidateWords: readonly string[]): number {
  const query = new Set(queryWords);
  if (query.size === 0) return 0;
  const candidate = new Set(candidateWords);
  let hits = 0;
  for (const w of query) if (candidate.has(w)) hits++;
  return hits / query.size;
}

export function normaliseQuestion(text: string): string {
  return text
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/[?!.\s]+$/, '')
    .trim();
}
