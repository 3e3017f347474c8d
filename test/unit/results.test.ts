import { describe, expect, it } from 'vitest';
import { renderResults } from '../../src/commands/shared/render-results.js';
import { makeStyle } from '../../src/lib/output/style.js';
import { normaliseResult, RESULT_FIELDS } from '../../src/lib/results.js';

describe('OperatorResults for output', () => {
  it('turns probabilities sent as strings into numbers, keeps every field in the dump order', () => {
    const result = normaliseResult({
      url: 'https://intelligence.twilio.com/v2/Transcripts/GT…/OperatorResults/LY…',
      operatorType: 'conversation-classify',
      predictedLabel: 'negative',
      predictedProbability: '0.93',
      matchProbability: '1',
      labelProbabilities: { negative: '0.93', neutral: '0.07' },
      utteranceResults: [{ utterance_index: 0, match_probability: '0.5' }],
    });
    expect(Object.keys(result)).toEqual([...RESULT_FIELDS]);
    expect(result).toMatchObject({
      predictedProbability: 0.93,
      matchProbability: 1,
      labelProbabilities: { negative: 0.93, neutral: 0.07 },
      utteranceResults: [{ utterance_index: 0, match_probability: 0.5 }],
      name: null,
      jsonResults: null,
    });
  });

  it('renders an unknown operator type as its raw fields', () => {
    const text = renderResults(
      {
        transcript: {
          sid: 'GT1',
          status: 'completed',
          customerKey: null,
          serviceSid: 'GA1',
          duration: 4,
          dateCreated: '2026-01-01T00:00:00Z',
        },
        operatorResults: [normaliseResult({ operatorType: 'future-type', name: 'Crystal Ball', normalizedResult: 'rain' })],
      },
      makeStyle(false, false),
    );
    expect(text).toContain('Crystal Ball  (future-type)\n');
    expect(text).toMatch(/normalizedResult +rain/);
    expect(text).toContain('DURATION      4 s');
  });
});
