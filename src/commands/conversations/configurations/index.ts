import { group, loaded } from '../../spec.js';
import { create, list, remove, show, update } from './specs.js';

export const configurations = group(
  {
    name: 'configurations',
    aliases: ['configuration'],
    summary: 'conversation configurations (Conversations v2): which Intelligence Configurations run, which memory store',
    examples: [
      'ci conversations configurations list',
      'ci conversations configurations create --name support --intelligence-configuration post-call',
    ],
  },
  [
    loaded(list, () => import('./list.js')),
    loaded(show, () => import('./show.js')),
    loaded(create, () => import('./create.js')),
    loaded(update, () => import('./update.js')),
    loaded(remove, () => import('./delete.js')),
  ],
);
