import { TOP_LEVEL } from '../manifest.js';
import { byGeneration } from '../shared/generation.js';
import { group, loaded } from '../spec.js';
import {
  attach,
  CLASSIC_ONLY_FLAGS,
  create,
  detach,
  evaluate,
  list,
  remove,
  show,
  types,
  update,
  V3_ONLY_FLAGS,
  versions,
} from './specs.js';

const only = { classicOnly: CLASSIC_ONLY_FLAGS, v3Only: V3_ONLY_FLAGS };

export const operators = group(
  {
    ...TOP_LEVEL.operators,
    examples: ['ci operators list --prebuilt', 'ci operators attach test-ci "Conversation Summary"', 'ci --generation v3 operators list'],
  },
  [
    loaded(list, () => byGeneration({ classic: () => import('./list.js'), v3: () => import('./v3/list.js'), ...only })),
    loaded(show, () => byGeneration({ classic: () => import('./show.js'), v3: () => import('./v3/show.js'), ...only })),
    loaded(types, () => import('./types.js')),
    loaded(attach, () => import('./attach.js')),
    loaded(detach, () => import('./detach.js')),
    loaded(create, () => byGeneration({ classic: () => import('./create.js'), v3: () => import('./v3/create.js'), ...only })),
    loaded(update, () => byGeneration({ classic: () => import('./update.js'), v3: () => import('./v3/update.js'), ...only })),
    loaded(remove, () => byGeneration({ classic: () => import('./delete.js'), v3: () => import('./v3/delete.js'), ...only })),
    loaded(versions, () => import('./v3/versions.js')),
    loaded(evaluate, () => import('./eval.js')),
  ],
);
