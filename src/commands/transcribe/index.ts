import { loaded } from '../spec.js';
import { transcribeCommand } from './specs.js';

export const transcribe = loaded(transcribeCommand, () => import('./transcribe.js'));
