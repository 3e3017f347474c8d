import { TOP_LEVEL } from '../manifest.js';
import { group, loaded } from '../spec.js';
import { configurationsCreate, configurationsDelete, configurationsShow, configurationsUpdate, list, show } from './specs.js';

export const transcriptions = group(
  { ...TOP_LEVEL.transcriptions, examples: ['ci transcriptions list', 'ci transcriptions configurations show support'] },
  [
    loaded(list, () => import('./list.js')),
    loaded(show, () => import('./show.js')),
    group(
      {
        name: 'configurations',
        aliases: ['configuration'],
        summary: 'Voice transcription configurations: engine, language, channel roles, conversation configuration',
        examples: ['ci transcriptions configurations create --name support --conversation-configuration post-call'],
      },
      [
        loaded(configurationsCreate, () => import('./configurations-create.js')),
        loaded(configurationsShow, () => import('./configurations-show.js')),
        loaded(configurationsUpdate, () => import('./configurations-update.js')),
        loaded(configurationsDelete, () => import('./configurations-delete.js')),
      ],
    ),
  ],
);
