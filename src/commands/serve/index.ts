import { loaded } from '../spec.js';
import { serveSpec } from './specs.js';

export const serve = loaded(serveSpec, () => import('./serve.js'));
