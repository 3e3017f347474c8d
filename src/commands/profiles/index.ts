import { TOP_LEVEL } from '../manifest.js';
import { group, loaded } from '../spec.js';
import { add, importProfiles, list, remove, use } from './specs.js';

export const profiles = group({ ...TOP_LEVEL.profiles, examples: ['ci profiles list', 'ci profiles use prod'] }, [
  loaded(add, () => import('./add.js')),
  loaded(list, () => import('./list.js')),
  loaded(use, () => import('./use.js')),
  loaded(importProfiles, () => import('./import.js')),
  loaded(remove, () => import('./remove.js')),
]);
