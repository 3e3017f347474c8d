import { TOP_LEVEL } from '../manifest.js';
import { group, loaded } from '../spec.js';
import { list, media, remove, sentences, show, wait } from './specs.js';

export const transcripts = group(
  {
    ...TOP_LEVEL.transcripts,
    examples: ['ci transcripts list --status completed', 'ci transcripts wait GT0123456789abcdef0123456789abcdef'],
  },
  [
    loaded(list, () => import('./list.js')),
    loaded(show, () => import('./show.js')),
    loaded(remove, () => import('./delete.js')),
    loaded(wait, () => import('./wait.js')),
    loaded(sentences, () => import('./sentences.js')),
    loaded(media, () => import('./media.js')),
  ],
);
