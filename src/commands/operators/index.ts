import { TOP_LEVEL } from '../manifest.js';
import { group, loaded } from '../spec.js';
import { attach, create, detach, list, remove, show, types, update } from './specs.js';

export const operators = group(
  { ...TOP_LEVEL.operators, examples: ['ci operators list --prebuilt', 'ci operators attach test-ci "Conversation Summary"'] },
  [
    loaded(list, () => import('./list.js')),
    loaded(show, () => import('./show.js')),
    loaded(types, () => import('./types.js')),
    loaded(attach, () => import('./attach.js')),
    loaded(detach, () => import('./detach.js')),
    loaded(create, () => import('./create.js')),
    loaded(update, () => import('./update.js')),
    loaded(remove, () => import('./delete.js')),
  ],
);
