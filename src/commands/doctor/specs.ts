import { TOP_LEVEL } from '../manifest.js';
import { verb } from '../spec.js';

export const doctorSpec = verb({
  ...TOP_LEVEL.doctor,
  output: 'view',
  jsonHelp: 'print the checks as one JSON document',
  examples: ['ci doctor', 'ci --profile emulator doctor --json | jq ".checks[] | select(.ok == false)"'],
});
