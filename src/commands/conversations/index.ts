import { TOP_LEVEL } from '../manifest.js';
import { group, loaded } from '../spec.js';
import { list, show } from './specs.js';
import { configurations } from './configurations/index.js';
import { close, communications, ingest, remove } from './ingest-specs.js';

export const conversations = group(
  { ...TOP_LEVEL.conversations, examples: ['ci conversations list --status CLOSED', 'ci conversations show conv_conversation_01hx…'] },
  [
    loaded(list, () => import('./list.js')),
    loaded(show, () => import('./show.js')),
    // Conversations v2: configurations, ingestion, the lifecycle.
    configurations,
    loaded(ingest, () => import('./ingest.js')),
    loaded(close, () => import('./close.js')),
    loaded(remove, () => import('./delete.js')),
    loaded(communications, () => import('./communications.js')),
  ],
);
