/**
 * Word-level text features shared by the hashing embedder: lowercase words with diacritics
 * removed, common English stop words dropped and a light suffix stemmer, so "deploys",
 * "deployed" and "deploying" land on the same feature.
 */
const STOP_WORDS = new Set(
  (
    'a an and are as at be been but by can could did do does for from had has have how i if in into is it its ' +
    'may me might must my no not of on or our shall should so than that the their them then there these they ' +
    'this those to too us was we were what when where which who whom why will with would you your'
  ).split(' '),
);

export function words(text: string): string[] {
  const folded = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
  const out: string[] = [];
  for (const raw of folded.split(/[^\p{L}\p{N}]+/u)) {
    if (raw.length === 0 || STOP_WORDS.has(raw)) continue;
    out.push(stem(raw));
  }
  return out;
}

/** A few suffix rules, enough to merge inflections; not a full Porter stemmer on purpose. */
export function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  const rules: [RegExp, string][] = [
    [/ies$/, 'y'],
    [/(ss)es$/, '$1'],
    [/([^s])s$/, '$1'],
    [/eed$/, 'ee'],
    [/([a-z]{3,})ing$/, '$1'],
    [/([a-z]{3,})ed$/, '$1'],
    [/([a-z]{3,})ly$/, '$1'],
  ];
  for (const [pattern, replacement] of rules) {
    if (pattern.test(word)) return word.replace(pattern, replacement);
  }
  return word;
}

/** Character trigrams of a word with boundary marks, which match across spelling variants. */
export function charTrigrams(word: string): string[] {
  const marked = `#${word}#`;
  const grams: string[] = [];
  for (let i = 0; i + 3 <= marked.length; i++) grams.push(marked.slice(i, i + 3));
  return grams;
}
