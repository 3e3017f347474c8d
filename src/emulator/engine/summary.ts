import { tokens } from './text.js';
import type { Utterance } from './types.js';

const STOP_WORDS = new Set([
  'the',
  'a',
  'an',
  'to',
  'and',
  'or',
  'of',
  'in',
  'on',
  'is',
  'it',
  'i',
  'you',
  'we',
  'my',
  'your',
  'for',
  'this',
  'that',
  'be',
  'can',
  'me',
  'with',
  'at',
  'so',
  'yes',
  'no',
  'ok',
  'okay',
  'hi',
  'hello',
]);

/**
 * Extractive summary: the utterances that share the most content words with the whole
 * conversation (at most `sentences`), in their original order, each attributed to its speaker.
 */
export function summarise(utterances: Utterance[], roleOf: (channel: number) => string, sentences = 3): string {
  if (utterances.length === 0) return 'The conversation is empty.';
  const frequency = new Map<string, number>();
  const contentWords = (text: string) => tokens(text).filter((token) => !STOP_WORDS.has(token));
  for (const word of utterances.flatMap((u) => contentWords(u.text))) frequency.set(word, (frequency.get(word) ?? 0) + 1);
  const scored = utterances.map((utterance, index) => {
    const words = contentWords(utterance.text);
    const score = words.reduce((sum, word) => sum + (frequency.get(word) ?? 0), 0) / Math.sqrt(words.length || 1);
    return { utterance, index, score };
  });
  const chosen = [...scored].sort((a, b) => b.score - a.score || a.index - b.index).slice(0, sentences);
  return chosen
    .sort((a, b) => a.index - b.index)
    .map(({ utterance }) => `The ${roleOf(utterance.channel).toLowerCase()} said: "${utterance.text.trim()}"`)
    .join(' ');
}
