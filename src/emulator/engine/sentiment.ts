import { normalise, tokens } from './text.js';
import type { Utterance } from './types.js';

// A deliberately small lexicon: the emulator labels sentiment by counting these words, nothing more.
const POSITIVE = new Set([
  'thanks',
  'thank',
  'great',
  'good',
  'perfect',
  'excellent',
  'happy',
  'glad',
  'love',
  'wonderful',
  'awesome',
  'helpful',
  'resolved',
  'works',
  'appreciate',
  'pleased',
  'nice',
  'fantastic',
]);
const NEGATIVE = new Set([
  'cannot',
  "can't",
  'not',
  'unable',
  'problem',
  'issue',
  'broken',
  'angry',
  'bad',
  'terrible',
  'frustrated',
  'wrong',
  'error',
  'fail',
  'failed',
  'never',
  'disappointed',
  'cancel',
  'refund',
  'complaint',
  'worst',
  "doesn't",
  "don't",
  "won't",
]);
/** Weight of "nothing said either way": a call with one negative word is mostly negative, not certainly. */
const NEUTRAL_BASELINE = 0.5;

export interface Classification {
  label: string;
  probabilities: Record<string, number>;
}

/**
 * positive / negative / neutral / mixed from word counts: mixed when both sides are present and
 * neither outweighs the other twice over. Probabilities sum to 1.
 */
export function classifySentiment(utterances: Utterance[]): Classification {
  let positive = 0;
  let negative = 0;
  for (const token of utterances.flatMap((utterance) => tokens(utterance.text))) {
    if (POSITIVE.has(token)) positive++;
    if (NEGATIVE.has(token)) negative++;
  }
  if (positive === 0 && negative === 0) return { label: 'neutral', probabilities: { neutral: 1 } };
  const balanced = positive > 0 && negative > 0 && Math.max(positive, negative) < 2 * Math.min(positive, negative);
  const scores: Record<string, number> = { positive, negative, neutral: NEUTRAL_BASELINE, mixed: balanced ? positive + negative : 0 };
  // Labels with no evidence are left out, as Twilio's label_probabilities list only what was seen.
  const probabilities = normalise(Object.fromEntries(Object.entries(scores).filter(([, score]) => score > 0)));
  const label = Object.entries(probabilities).reduce((best, entry) => (entry[1] > best[1] ? entry : best))[0];
  return { label, probabilities };
}
