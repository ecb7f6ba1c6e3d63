export interface CitationCheck {
  text: string;
  /** Valid citation numbers in order of first use. */
  cited: number[];
  /** Numbers that point at no supplied item; removed from the text. */
  dropped: number[];
}

/** Keeps `[n]` markers that map to a supplied item and strips the ones a model invented. */
export function checkCitations(text: string, itemCount: number): CitationCheck {
  const cited: number[] = [];
  const dropped: number[] = [];
  const cleaned = text.replace(/ ?\[(\d{1,4})\]/g, (marker, digits: string) => {
    const n = Number(digits);
    if (n >= 1 && n <= itemCount) {
      if (!cited.includes(n)) cited.push(n);
      return marker;
    }
    if (!dropped.includes(n)) dropped.push(n);
    return '';
  });
  return { text: cleaned, cited, dropped };
}
