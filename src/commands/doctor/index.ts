import { loaded } from '../spec.js';
import { doctorSpec } from './specs.js';

export const doctor = loaded(doctorSpec, () => import('./doctor.js'));
