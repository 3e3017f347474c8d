import { loaded } from '../spec.js';
import { applySpec, diffSpec, exportSpec } from './specs.js';

export const apply = loaded(applySpec, () => import('./apply.js'));
export const diff = loaded(diffSpec, () => import('./diff.js'));
export const exportCommand = loaded(exportSpec, () => import('./export.js'));
