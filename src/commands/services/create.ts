import type { Context } from '../../lib/context.js';
import { UsageError } from '../../lib/errors.js';
import type { CommandResult } from '../../lib/output/types.js';
import { createService } from '../../lib/services.js';
import { SERVICE_DETAIL_COLUMNS, serviceFieldsOf, type ServiceFlags } from './fields.js';

async function askUniqueName(ctx: Context): Promise<string> {
  if (!ctx.io.stdinIsTTY) {
    throw new UsageError('missing required flag --unique-name', { hint: 'e.g. ci services create --unique-name test-ci' });
  }
  const prompter = await ctx.prompter();
  return prompter.input('Unique name of the service', {
    validate: (value) => (value.trim() ? true : 'a unique name is required'),
  });
}

export async function run(ctx: Context, flags: ServiceFlags): Promise<CommandResult> {
  const uniqueName = flags.uniqueName ?? (await askUniqueName(ctx));
  const fields = { ...serviceFieldsOf(flags), uniqueName };
  const service = await createService(await ctx.client(), fields);
  ctx.log.hint(`Created service ${service.sid as string}. Next: ci operators attach ${uniqueName} "Conversation Summary"`);
  return { kind: 'object', data: service, columns: SERVICE_DETAIL_COLUMNS };
}
