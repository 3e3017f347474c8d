import { loaded } from '../spec.js';
import { loginCommand } from './specs.js';

export const login = loaded(loginCommand, () => import('./login.js'));
