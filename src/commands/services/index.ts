import { TOP_LEVEL } from '../manifest.js';
import { group, loaded } from '../spec.js';
import { create, list, remove, show, update } from './specs.js';

export const services = group(
  { ...TOP_LEVEL.services, examples: ['ci services list', 'ci services create --unique-name test-ci --language-code en-US'] },
  [
    loaded(create, () => import('./create.js')),
    loaded(list, () => import('./list.js')),
    loaded(show, () => import('./show.js')),
    loaded(update, () => import('./update.js')),
    loaded(remove, () => import('./delete.js')),
  ],
);
