import { TOP_LEVEL } from '../manifest.js';
import { group, loaded } from '../spec.js';
import { storesCreate, storesList } from './specs.js';

export const memory = group({ ...TOP_LEVEL.memory, examples: ['ci memory stores list', 'ci memory stores create --name support'] }, [
  group({ name: 'stores', aliases: ['store'], summary: 'Memory stores (Memory v1)', examples: ['ci memory stores list'] }, [
    loaded(storesList, () => import('./stores-list.js')),
    loaded(storesCreate, () => import('./stores-create.js')),
  ]),
]);
