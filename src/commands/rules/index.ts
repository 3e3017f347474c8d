import { TOP_LEVEL } from '../manifest.js';
import { group, loaded } from '../spec.js';
import { runRule } from './specs.js';

export const rules = group({ ...TOP_LEVEL.rules, examples: ['ci rules run post-call 1 conv_conversation_01hx… --wait'] }, [
  loaded(runRule, () => import('./run.js')),
]);
