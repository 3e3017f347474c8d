import { loaded } from '../spec.js';
import { resultsCommand } from './specs.js';

export const results = loaded(resultsCommand, () => import('./results.js'));
