import { TOP_LEVEL } from '../manifest.js';
import { group, loaded } from '../spec.js';
import { listen, set } from './specs.js';

export const webhook = group(
  { ...TOP_LEVEL.webhook, examples: ['ci webhook listen --port 4040', 'ci webhook set test-ci https://abc.ngrok.app/ci-webhook'] },
  [loaded(listen, () => import('./listen.js')), loaded(set, () => import('./set.js'))],
);
