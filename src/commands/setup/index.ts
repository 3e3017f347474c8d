import { loaded } from '../spec.js';
import { setupCommand } from './specs.js';

export const setup = loaded(setupCommand, () => import('./setup.js'));
