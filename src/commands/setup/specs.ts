import { TOP_LEVEL } from '../manifest.js';
import { verb } from '../spec.js';

export const setupCommand = verb({
  ...TOP_LEVEL.setup,
  output: 'view',
  jsonHelp: 'print {serviceSid, uniqueName, attachedOperatorSids, customOperatorSid, commands} as JSON',
  examples: ['ci setup', 'ci --profile emulator setup'],
});
