// The contract other emulator code (the transcript engine) relies on: attachedOperators().
import { describe, expect, it } from 'vitest';
import { CUSTOM_OPERATORS } from '../../src/emulator/operators/custom.js';
import {
  attachedOperators,
  CONVERSATION_SUMMARY_SID,
  SENTIMENT_ANALYSIS_SID,
  type OperatorRecord,
} from '../../src/emulator/operators/lookup.js';
import { SERVICES, type ServiceRecord } from '../../src/emulator/services/record.js';
import { Store } from '../../src/emulator/store.js';

const SERVICE_SID = 'GA0123456789abcdef0123456789abcdef';
const CUSTOM_SID = 'LY0123456789abcdef0123456789abcdef';

async function storeWithService(attached: string[], operators: OperatorRecord[] = []): Promise<Store> {
  const store = new Store(undefined);
  await store.commit(() => {
    store
      .collection<Pick<ServiceRecord, 'sid' | 'read_only_attached_operator_sids'>>(SERVICES)
      .insert({ sid: SERVICE_SID, read_only_attached_operator_sids: attached });
    for (const operator of operators) store.collection<OperatorRecord>(CUSTOM_OPERATORS).insert(operator);
  });
  return store;
}

describe('attachedOperators', () => {
  it('returns pre-built and custom operators in attach order, with what results need', async () => {
    const custom = {
      sid: CUSTOM_SID,
      friendly_name: 'Feedback',
      result_type: 'json',
      config: { prompt: 'p' },
    } as unknown as OperatorRecord; // only what attachedOperators reads
    const store = await storeWithService([SENTIMENT_ANALYSIS_SID, CUSTOM_SID, CONVERSATION_SUMMARY_SID], [custom]);

    const operators = attachedOperators(store, SERVICE_SID);
    expect(operators.map((operator) => operator.sid)).toEqual([SENTIMENT_ANALYSIS_SID, CUSTOM_SID, CONVERSATION_SUMMARY_SID]);
    expect(operators[0]).toMatchObject({
      friendly_name: 'Sentiment Analysis',
      result_type: 'conversation-classify',
      labels: ['positive', 'negative', 'neutral', 'mixed'],
    });
    expect(operators[1]).toBe(custom);
    expect(operators[2]).toMatchObject({ friendly_name: 'Conversation Summary', result_type: 'text-generation', prebuilt: true });
  });

  it('skips operators that no longer exist and answers [] for an unknown service', async () => {
    const store = await storeWithService([CUSTOM_SID, CONVERSATION_SUMMARY_SID]);
    expect(attachedOperators(store, SERVICE_SID).map((operator) => operator.sid)).toEqual([CONVERSATION_SUMMARY_SID]);
    expect(attachedOperators(store, 'GAffffffffffffffffffffffffffffffff')).toEqual([]);
  });
});
