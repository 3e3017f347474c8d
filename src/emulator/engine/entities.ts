/** The entity kinds the engine recognises, with the label used in extract results and in redaction masks. */
export type EntityLabel = 'EMAIL_ADDRESS' | 'DATE' | 'MONEY_AMOUNT' | 'PHONE_NUMBER';

export interface Entity {
  label: EntityLabel;
  value: string;
  start: number;
  end: number;
}

const MONTH =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';

// Earlier patterns win where matches overlap: "2025-12-10" is a date, not a phone number.
const PATTERNS: Array<[EntityLabel, RegExp]> = [
  ['EMAIL_ADDRESS', /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g],
  [
    'DATE',
    new RegExp(
      `\\b(?:\\d{4}-\\d{2}-\\d{2}|\\d{1,2}/\\d{1,2}/\\d{2,4}|${MONTH}\\.? \\d{1,2}(?:st|nd|rd|th)?(?:,? \\d{4})?|\\d{1,2}(?:st|nd|rd|th)? (?:of )?${MONTH}(?:,? \\d{4})?)\\b`,
      'gi',
    ),
  ],
  ['MONEY_AMOUNT', /(?:[$€£]\s?\d[\d,]*(?:\.\d+)?|\b\d[\d,]*(?:\.\d+)?\s?(?:dollars|euros|pounds|usd|eur|gbp)\b)/gi],
  ['PHONE_NUMBER', /(?:\+\d{1,3}[\s.-]?)?(?:\(\d{3}\)\s?|\b\d{3}[\s.-])\d{3}[\s.-]\d{4}\b|\+\d{8,15}\b/g],
];

/** Phone numbers, e-mail addresses, amounts of money and dates in `text`, in order of appearance. */
export function findEntities(text: string): Entity[] {
  const found: Entity[] = [];
  for (const [label, pattern] of PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      const start = match.index;
      const end = start + match[0].length;
      if (found.some((other) => start < other.end && other.start < end)) continue;
      found.push({ label, value: match[0], start, end });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/** The text with every entity replaced by its label in brackets, e.g. "call me at [PHONE_NUMBER]". */
export function maskEntities(text: string): string {
  let masked = '';
  let from = 0;
  for (const entity of findEntities(text)) {
    masked += `${text.slice(from, entity.start)}[${entity.label}]`;
    from = entity.end;
  }
  return masked + text.slice(from);
}

/** Masks every string inside a JSON-like value (for redacted operator results). */
export function maskDeep<T>(value: T): T {
  if (typeof value === 'string') return maskEntities(value) as T;
  if (Array.isArray(value)) return value.map(maskDeep) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, maskDeep(inner)])) as T;
  }
  return value;
}
