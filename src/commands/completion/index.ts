import { Argument, Option, type Command } from 'commander';
import { examples, type Runner } from '../define.js';

const INSTALL = `
Installation:
  bash  echo 'source <(ci completion bash)' >> ~/.bashrc
  zsh   ci completion zsh > "\${fpath[1]}/_ci"     # then restart zsh (needs compinit)
  fish  ci completion fish > ~/.config/fish/completions/ci.fish

Service and operator names complete from the account in effect, cached for a minute.
`;

export function registerCompletion(program: Command, act: Runner): void {
  examples(
    program
      .command('completion')
      .addArgument(new Argument('[shell]', 'bash, zsh or fish').choices(['bash', 'zsh', 'fish']))
      // Used by the scripts to complete service and operator names (cached for a minute).
      .addOption(new Option('--names <kind>').choices(['services', 'operators']).hideHelp())
      .addHelpText('after', INSTALL),
    'ci completion bash > /etc/bash_completion.d/ci',
    'source <(ci completion bash)',
  ).action(act(() => import('./completion.js')));
}
