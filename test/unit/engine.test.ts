import { describe, expect, it } from 'vitest';
import {
  analyse,
  type AnalysisOperator,
  classifySentiment,
  findEntities,
  maskEntities,
  type Utterance,
  utterancesFromMedia,
} from '../../src/emulator/index.js';
import { SEED_CONFIG } from '../support/seed.js';
import { defined } from '../support/defined.js';

const GT = 'GT' + '0'.repeat(32);
const roleOf = (channel: number) => (channel === 1 ? 'Agent' : 'Customer');
const said = (...texts: string[]): Utterance[] => texts.map((text, i) => ({ channel: (i % 2) + 1, start: i * 2, end: i * 2 + 1.5, text }));

/** The seed article's custom operator, exactly as configured there (examples/seed). */
const SEED_OPERATOR: AnalysisOperator = {
  sid: 'LY' + 'a'.repeat(32),
  name: 'test-operator',
  resultType: 'json',
  generative: true,
  jsonResultSchema: SEED_CONFIG.json_result_schema,
  examples: SEED_CONFIG.examples,
};

describe('the analysis engine', () => {
  it("answers the seed's generative JSON operator as the article shows", () => {
    const [result] = analyse(
      [SEED_OPERATOR],
      [{ channel: 2, start: 0.8, end: 3.4, text: 'We cannot log in to your account system.' }],
      GT,
      roleOf,
    );
    expect(result?.json_results).toEqual({ category: 'other', emotion: 'negative' });
    expect(result).toMatchObject({
      operator_type: 'json',
      name: 'test-operator',
      transcript_sid: GT,
      label_probabilities: {},
      extract_results: {},
      utterance_results: [],
      text_generation_results: null,
    });
    const [pricing] = analyse([SEED_OPERATOR], said('How much is your product per month?'), GT, roleOf);
    expect(pricing?.json_results).toEqual({ category: 'pricing', emotion: 'neutral' });
  });

  it('falls back to the schema (defaults, first enum value) when no example is near', () => {
    const operator: AnalysisOperator = {
      ...SEED_OPERATOR,
      jsonResultSchema: {
        type: 'object',
        properties: {
          category: { type: 'string', enum: ['billing', 'other'] },
          urgent: { type: 'boolean', default: true },
          score: { type: 'integer', minimum: 1 },
        },
      },
      examples: [{ input: 'zebra', output: '{"category":"billing"}' }],
    };
    expect(analyse([operator], said('Hello there.'), GT, roleOf)[0]?.json_results).toEqual({ category: 'billing', urgent: true, score: 1 });
  });

  it('labels sentiment from the lexicon, with probabilities summing to 1', () => {
    expect(classifySentiment(said('Hello, I am calling about my order.'))).toEqual({ label: 'neutral', probabilities: { neutral: 1 } });
    const negative = classifySentiment(said('We cannot log in to your account system.'));
    expect(negative.label).toBe('negative');
    const positive = classifySentiment(said('Thanks, that works great!'));
    expect(positive.label).toBe('positive');
    const mixed = classifySentiment(said('Thanks, the app is great but the login is broken and I cannot pay.'));
    expect(mixed.label).toBe('mixed');
    for (const { probabilities } of [negative, positive, mixed]) {
      expect(Object.values(probabilities).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
    }
  });

  it('finds phone numbers, e-mail addresses, money and dates, and masks them', () => {
    const text = 'Mail jane.doe@example.com or call (415) 555-0123 about the $49.99 charge on March 3rd, paid 2026-03-10.';
    expect(findEntities(text).map((e) => [e.label, e.value])).toEqual([
      ['EMAIL_ADDRESS', 'jane.doe@example.com'],
      ['PHONE_NUMBER', '(415) 555-0123'],
      ['MONEY_AMOUNT', '$49.99'],
      ['DATE', 'March 3rd'],
      ['DATE', '2026-03-10'],
    ]);
    expect(maskEntities(text)).toBe('Mail [EMAIL_ADDRESS] or call [PHONE_NUMBER] about the [MONEY_AMOUNT] charge on [DATE], paid [DATE].');
  });

  it('summarises extractively, marks phrase matches and extracts entities per operator type', () => {
    const utterances = said(
      'Thank you for calling, my name is Ann.',
      'I want to speak to a manager about 20 dollars.',
      'Sure, one moment.',
    );
    const operators: AnalysisOperator[] = [
      { sid: 'LY1', name: 'Conversation Summary', resultType: 'text-generation', generative: false },
      { sid: 'LY2', name: 'Escalation', resultType: 'utterance-classify', generative: false, phrases: ['speak to a manager'] },
      { sid: 'LY3', name: 'Entities', resultType: 'extract', generative: false },
      { sid: 'LY4', name: 'Voicemail', resultType: 'conversation-classify', generative: false, labels: ['voicemail', 'not-voicemail'] },
    ];
    const [summary, phrases, entities, voicemail] = analyse(operators, utterances, GT, roleOf);
    expect(summary?.text_generation_results?.result).toContain('The customer said: "I want to speak to a manager about 20 dollars."');
    expect(phrases).toMatchObject({
      utterance_match: true,
      utterance_results: [{ utterance_index: 1, matched_phrase: 'speak to a manager' }],
    });
    expect(entities).toMatchObject({ extract_match: true, extract_results: { MONEY_AMOUNT: ['20 dollars'] } });
    expect(Object.values(defined(voicemail).label_probabilities).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
  });

  it('recognises media bodies: JSON utterances or Agent:/Customer: lines, nothing else', () => {
    expect(utterancesFromMedia('text/plain', 'Agent: Hello.\nCustomer: Hi, my phone is broken.\n')).toEqual([
      { channel: 1, start: 0, end: 1, text: 'Hello.' },
      { channel: 2, start: 1.5, end: 3.5, text: 'Hi, my phone is broken.' },
    ]);
    expect(
      utterancesFromMedia('application/json', JSON.stringify({ utterances: [{ channel: 2, start: 0, end: 1, text: 'Hi' }] })),
    ).toHaveLength(1);
    expect(utterancesFromMedia('audio/wav', 'RIFF....')).toBeUndefined();
    expect(utterancesFromMedia('text/plain', 'just some words')).toBeUndefined();
    expect(utterancesFromMedia('application/json', '[{"channel":3,"start":0,"end":1,"text":"x"}]')).toBeUndefined();
  });
});
