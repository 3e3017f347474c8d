import { TOP_LEVEL } from '../manifest.js';
import { group, loaded } from '../spec.js';
import { call, start } from './specs.js';

export const emulator = group({ ...TOP_LEVEL.emulator, examples: ['ci emulator start', 'ci emulator call'] }, [
  loaded(start, () => import('./start.js')),
  loaded(call, () => import('./call.js')),
]);
