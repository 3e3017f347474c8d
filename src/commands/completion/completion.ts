import { bashScript } from '../../lib/completion/bash.js';
import { fishScript } from '../../lib/completion/fish.js';
import { cachedNames, namesCachePath } from '../../lib/completion/names.js';
import { completionTree, type NameKind, type Shell } from '../../lib/completion/tree.js';
import { zshScript } from '../../lib/completion/zsh.js';
import type { Context } from '../../lib/context.js';
import { UsageError } from '../../lib/errors.js';
import type { CommandResult, Row } from '../../lib/output/types.js';

const SCRIPTS = { bash: bashScript, zsh: zshScript, fish: fishScript };

async function namesOf(ctx: Context, kind: NameKind): Promise<string[]> {
  const credentials = await ctx.credentials();
  const path = namesCachePath(ctx.env, kind, `${credentials.accountSid} ${credentials.apiUrl ?? ''}`);
  return cachedNames(path, ctx.now(), async () => {
    const client = await ctx.client();
    const rows: AsyncIterable<Row> =
      kind === 'services'
        ? (await import('../../lib/services.js')).listServices(client)
        : (await import('../../lib/operators.js')).listOperators(client);
    const names: string[] = [];
    for await (const row of rows) names.push(String(kind === 'services' ? row.uniqueName : row.friendlyName));
    return names;
  });
}

export async function run(ctx: Context, flags: { names?: NameKind }, shell?: Shell): Promise<CommandResult> {
  if (flags.names) {
    // Called by the scripts on Tab: any failure (no credentials, no network) completes nothing, quietly.
    const names = await namesOf(ctx, flags.names).catch(() => []);
    return names.length ? { kind: 'text', text: names.join('\n') } : { kind: 'none' };
  }
  if (!shell) throw new UsageError('missing argument: the shell (bash, zsh or fish)', { hint: 'see `ci completion --help`' });
  // A fresh tree from the same builder the CLI runs, so the script always matches this version.
  const { buildProgram } = await import('../../cli.js');
  const program = await buildProgram(ctx.io, async () => {}, 'all');
  return { kind: 'text', text: SCRIPTS[shell](completionTree(program)) };
}
