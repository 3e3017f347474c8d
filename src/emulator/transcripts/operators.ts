import type { AnalysisOperator } from '../engine/index.js';
import type { Store } from '../store.js';

/**
 * The operators attached to the service, as the engine sees them. Called when the transcript is
 * created: the snapshot is what later completes, whatever is attached or detached meanwhile.
 */
export function operatorsAttachedTo(_store: Store, _serviceSid: string): AnalysisOperator[] {
  return []; // replaced by the operators module's attachedOperators() when branch `ops` is merged
}
