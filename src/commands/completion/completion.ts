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

/** Names of one kind in the account: operators of both generations (a name says nothing of its generation). */
async function loadNames(ctx: Context, kind: NameKind): Promise<string[]> {
  const client = await ctx.client();
  const field = (rows: Row[], key: string) => rows.map((row) => String(row[key]));
  switch (kind) {
    case 'services':
      return field(await collect((await import('../../lib/services.js')).listServices(client)), 'uniqueName');
    case 'configurations':
      return field(await (await import('../../lib/v3/configurations.js')).listConfigurations(client), 'displayName');
    case 'operators': {
      // An account may have only one generation: each listing that fails completes nothing of its own.
      const [classic, v3] = await Promise.all([
        collect((await import('../../lib/operators.js')).listOperators(client)).then(
          (rows) => field(rows, 'friendlyName'),
          () => [],
        ),
        (await import('../../lib/v3/operators.js')).listOperators(client).then(
          (rows) => field(rows, 'displayName'),
          () => [],
        ),
      ]);
      return [...new Set([...classic, ...v3])];
    }
  }
}

async function collect(rows: AsyncIterable<Row>): Promise<Row[]> {
  const all: Row[] = [];
  for await (const row of rows) all.push(row);
  return all;
}

async function namesOf(ctx: Context, kind: NameKind): Promise<string[]> {
  const credentials = await ctx.credentials();
  const path = namesCachePath(ctx.env, kind, `${credentials.accountSid} ${credentials.apiUrl ?? ''}`);
  return cachedNames(path, ctx.now(), () => loadNames(ctx, kind));
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
