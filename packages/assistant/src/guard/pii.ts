import { isIPv4, isIPv6 } from 'node:net';
import { ibanValid, luhnValid } from './checksums.js';
import type { Finding } from './types.js';

type Detector = (text: string) => Finding[];

function scan(
  text: string,
  pattern: RegExp,
  category: Finding['category'],
  detector: string,
  accept: (match: string) => boolean = () => true,
): Finding[] {
  const found: Finding[] = [];
  for (const m of text.matchAll(pattern)) {
    const start = m.index ?? 0;
    if (accept(m[0])) found.push({ category, start, end: start + m[0].length, detector });
  }
  return found;
}

const LOCAL_PART = /[A-Za-z0-9._%+-]/;
const DOMAIN = /[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24}(?![A-Za-z0-9-])/y;

// Anchored on each "@" rather than one global regex: a leading `[...]+@` rescans the rest of
// the text from every position, which is quadratic on long runs without an "@".
const email: Detector = (t) => {
  const found: Finding[] = [];
  for (let at = t.indexOf('@'); at >= 0; at = t.indexOf('@', at + 1)) {
    let start = at;
    while (start > 0 && at - start < 64 && LOCAL_PART.test(t[start - 1] as string)) start--;
    DOMAIN.lastIndex = at + 1;
    const domain = DOMAIN.exec(t);
    if (start < at && domain)
      found.push({ category: 'email', start, end: at + 1 + domain[0].length, detector: 'email' });
  }
  return found;
};

const card: Detector = (t) =>
  scan(t, /(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-])/g, 'card', 'luhn', (m) => {
    const digits = m.replace(/[ -]/g, '');
    return digits.length >= 13 && digits.length <= 19 && luhnValid(digits);
  });

// Grouped as printed (DE89 3704 0044 0532 0130 00) or compact; trailing words are trimmed
// until the checksum holds, so "...0130 00 OK" still finds the IBAN.
const iban: Detector = (t) => {
  const found: Finding[] = [];
  for (const m of t.matchAll(/\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}\b/g)) {
    const start = m.index ?? 0;
    let candidate = m[0];
    while (candidate.replace(/ /g, '').length >= 15 && !ibanValid(candidate)) {
      candidate = candidate.slice(0, -1).trimEnd();
    }
    if (ibanValid(candidate))
      found.push({ category: 'iban', start, end: start + candidate.length, detector: 'mod97' });
  }
  return found;
};

const phone: Detector = (t) => [
  // International form: +44 20 7946 0958, +1 (415) 555-0132
  ...scan(t, /(?<![\w+])\+\d[\d ().-]{6,18}\d(?!\d)/g, 'phone', 'phone-intl', (m) => {
    const digits = m.replace(/\D/g, '').length;
    return digits >= 8 && digits <= 15;
  }),
  // North American form: (415) 555-0132, 415-555-0132, 415.555.0132
  ...scan(t, /(?<![\w+-])(?:\(\d{3}\) ?|\d{3}[-. ])\d{3}[-. ]\d{4}(?![\w-])/g, 'phone', 'phone-nanp'),
];

const ip: Detector = (t) => [
  ...scan(t, /(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.])/g, 'ip', 'ipv4', (m) => isIPv4(m)),
  ...scan(t, /(?<![\w:])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?![\w:])/g, 'ip', 'ipv6', (m) => {
    const groups = m.split(':').filter((g) => g.length > 0).length;
    return groups >= 3 && isIPv6(m);
  }),
];

const nationalId: Detector = (t) => [
  // US SSN; area 000, 666 and 9xx are never issued.
  ...scan(t, /\b(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}\b/g, 'nationalId', 'us-ssn'),
  // UK National Insurance number, with the prefixes HMRC never issues excluded.
  ...scan(
    t,
    /\b(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b/g,
    'nationalId',
    'uk-nino',
  ),
];

const detectors: Detector[] = [email, card, iban, nationalId, phone, ip];

/** Personal data found in a text, possibly overlapping; the caller merges ranges. */
export function detectPii(text: string): Finding[] {
  return detectors.flatMap((d) => d(text));
}
