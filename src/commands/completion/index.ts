import { Argument, type Command } from 'commander';
import { examples, type Runner } from '../define.js';

const INSTALL = `
Installation:
  bash  echo 'source <(ci completion bash)' >> ~/.bashrc
  zsh   ci completion zsh > "\${fpath[1]}/_ci"     # then restart zsh (needs compinit)
  fish  ci completion fish > ~/.config/fish/completions/ci.fish
`;

export function registerCompletion(program: Command, act: Runner): void {
  examples(
    program
      .command('completion')
      .description('print a shell completion script (commands, subcommands, flags and their values)')
      .addArgument(new Argument('<shell>', 'bash, zsh or fish').choices(['bash', 'zsh', 'fish']))
      .addHelpText('after', INSTALL),
    'ci completion bash > /etc/bash_completion.d/ci',
    'source <(ci completion bash)',
  ).action(act(() => import('./completion.js')));
}
