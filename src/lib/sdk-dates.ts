// The SDK turns each date field of each item it parses into a Date with dayjs (its deserialize.iso8601DateTime).
// For the ISO 8601 UTC text Twilio sends ("2026-12-01T19:32:45Z") dayjs ends in `new Date(text)`, then checks the
// date by formatting it with Date.prototype.toString: a tenth of a long listing's CPU. This gives the SDK the same
// function without dayjs for such text (the same Date, or the text itself when it is no date), and hands any other
// value (an offset, no zone, null: dayjs reads those its own ways) to the SDK's own function.
import { createRequire } from 'node:module';

type Deserializer = (s: string) => string | Date;
type Deserialize = Record<'iso8601DateTime', Deserializer>;

const DESERIALIZE = 'twilio/lib/base/deserialize.js';
const UTC_TEXT = /Z$/i; // dayjs's own test for text it leaves to the Date constructor
const replaced = new WeakSet<Deserializer>();

/** `original` with a shortcut for UTC text that gives what dayjs gives. */
export function withUtcShortcut(original: Deserializer): Deserializer {
  const shortcut: Deserializer = (s) => {
    if (typeof s !== 'string' || !UTC_TEXT.test(s)) return original(s);
    const date = new Date(s);
    return Number.isNaN(date.getTime()) ? s : date;
  };
  replaced.add(shortcut);
  return shortcut;
}

/** Gives the SDK's date parsing the shortcut (once per process; the SDK reads it from its module at each call). */
export function useUtcShortcut(): void {
  const deserialize = createRequire(import.meta.url)(DESERIALIZE) as Deserialize;
  if (!replaced.has(deserialize.iso8601DateTime)) deserialize.iso8601DateTime = withUtcShortcut(deserialize.iso8601DateTime);
}
