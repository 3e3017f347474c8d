import { TOP_LEVEL } from '../manifest.js';
import { group, loaded } from '../spec.js';
import { list, show } from './specs.js';

export const conversations = group(
  { ...TOP_LEVEL.conversations, examples: ['ci conversations list --status CLOSED', 'ci conversations show conv_conversation_01hx…'] },
  [loaded(list, () => import('./list.js')), loaded(show, () => import('./show.js'))],
);
