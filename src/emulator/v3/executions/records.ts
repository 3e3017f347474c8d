// The emulator's record of each rule execution: Twilio reports failures and deprecation warnings through its
// Watch product, which the emulator stands in for with GET /emulator/v3/RuleExecutions.
import type { Collection, Store } from '../../store.js';

export interface OperatorProblem {
  operatorId: string;
  version?: number;
  reason: string;
}

export interface RuleExecutionRecord {
  sid: string;
  intelligenceConfigurationId: string;
  ruleId: string;
  conversationId: string;
  /** COMPLETED: every operator ran; FAILED: at least one could not (see failures). */
  status: 'COMPLETED' | 'FAILED';
  operatorResultIds: string[];
  failures: OperatorProblem[];
  /** Operators that ran on a DEPRECATED version. */
  warnings: OperatorProblem[];
  dateCreated: string;
}

export function executionCollection(store: Store): Collection<RuleExecutionRecord> {
  return store.collection<RuleExecutionRecord>('emulator.v3.ruleExecutions');
}
