import { TOP_LEVEL } from '../manifest.js';
import { group, loaded } from '../spec.js';
import { create, list, remove, rulesAdd, rulesRemove, show } from './specs.js';

export const configurations = group(
  { ...TOP_LEVEL.configurations, examples: ['ci configurations list', 'ci configurations show post-call'] },
  [
    loaded(list, () => import('./list.js')),
    loaded(show, () => import('./show.js')),
    loaded(create, () => import('./create.js')),
    loaded(remove, () => import('./delete.js')),
    group(
      {
        name: 'rules',
        aliases: ['rule'],
        summary: 'change one rule of a configuration',
        examples: ['ci configurations rules add post-call 1 --operator Summary'],
      },
      [loaded(rulesAdd, () => import('./rules-add.js')), loaded(rulesRemove, () => import('./rules-remove.js'))],
    ),
  ],
);
