import { bashScript } from '../../lib/completion/bash.js';
import { fishScript } from '../../lib/completion/fish.js';
import { cachedNames, namesCachePath } from '../../lib/completion/names.js';
import type { CompletionCommand, NameKind } from '../../lib/completion/tree.js';
import { zshScript } from '../../lib/completion/zsh.js';
import type { Context } from '../../lib/context.js';
import { UsageError } from '../../lib/errors.js';
import type { Row } from '../../lib/output/types.js';
import type { Run } from '../spec.js';
import type { completionSpec } from './specs.js';

const SCRIPTS: Partial<Record<string, (tree: CompletionCommand) => string>> = { bash: bashScript, zsh: zshScript, fish: fishScript };

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

export const run: Run<typeof completionSpec> = async (ctx, flags, shell) => {
  if (flags.names) {
    // Called by the scripts on Tab: any failure (no credentials, no network) completes nothing, quietly.
    const names = await namesOf(ctx, flags.names).catch(() => []);
    return names.length ? { kind: 'text', text: names.join('\n') } : { kind: 'none' };
  }
  const script = shell === undefined ? undefined : SCRIPTS[shell];
  if (!script) throw new UsageError('missing argument: the shell (bash, zsh or fish)', { hint: 'see `ci completion --help`' });
  // The tree the CLI builds from the command specs, so the script always matches this version.
  return { kind: 'text', text: script(await ctx.commandTree()) };
};
