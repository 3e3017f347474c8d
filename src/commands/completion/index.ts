import { loaded } from '../spec.js';
import { completionSpec } from './specs.js';

export const completion = loaded(completionSpec, () => import('./completion.js'));
