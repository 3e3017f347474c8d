import type { Context } from '../../lib/context.js';
import { bashScript } from '../../lib/completion/bash.js';
import { fishScript } from '../../lib/completion/fish.js';
import { completionTree, type Shell } from '../../lib/completion/tree.js';
import { zshScript } from '../../lib/completion/zsh.js';
import type { CommandResult } from '../../lib/output/types.js';

const SCRIPTS = { bash: bashScript, zsh: zshScript, fish: fishScript };

export async function run(ctx: Context, _flags: unknown, shell: Shell): Promise<CommandResult> {
  // A fresh tree from the same builder the CLI runs, so the script always matches this version.
  const { buildProgram } = await import('../../cli.js');
  const program = buildProgram(ctx.io, async () => {});
  return { kind: 'text', text: SCRIPTS[shell](completionTree(program)) };
}
