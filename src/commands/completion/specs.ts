import { NAME_KINDS } from '../../lib/completion/tree.js';
import { TOP_LEVEL } from '../manifest.js';
import { arg, flag, verb } from '../spec.js';

const INSTALL = `
Installation:
  bash  echo 'source <(ci completion bash)' >> ~/.bashrc
  zsh   ci completion zsh > "\${fpath[1]}/_ci"     # then restart zsh (needs compinit)
  fish  ci completion fish > ~/.config/fish/completions/ci.fish

Service, operator (classic and v3) and v3 configuration names complete from the account in effect, cached for a minute.
`;

export const completionSpec = verb({
  ...TOP_LEVEL.completion,
  args: [arg('[shell]', 'bash, zsh or fish', { choices: ['bash', 'zsh', 'fish'] })],
  output: ['text', 'none'],
  flags: {
    // Used by the scripts to complete names of the account (cached for a minute).
    names: flag.hidden(flag.choice('--names <kind>', Object.values(NAME_KINDS), 'account names to complete')),
  },
  examples: ['ci completion bash > /etc/bash_completion.d/ci', 'source <(ci completion bash)'],
  helpAfter: INSTALL,
});
