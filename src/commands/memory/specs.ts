import { operationFlags } from '../shared/operation-flags.js';
import { flag, verb } from '../spec.js';

export const storesList = verb({
  name: 'list',
  aliases: ['ls'],
  summary: 'list Memory stores (their IDs, names and provisioning status)',
  output: 'list',
  examples: ['ci memory stores list'],
});

export const storesCreate = verb({
  name: 'create',
  summary: 'create a Memory store and wait until it is ACTIVE (a conversation configuration needs one)',
  output: 'item',
  flags: {
    name: flag.text('--name <display-name>', 'its display name: letters, digits and hyphens, at most 64'),
    description: flag.string('--description <text>', 'what it is for (at most 128 characters)'),
    ...operationFlags,
  },
  examples: ['ci memory stores create --name support', 'ci memory stores create --name support --no-wait --json'],
});
