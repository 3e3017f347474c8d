import type { Context } from '../../lib/context.js';
import { UsageError } from '../../lib/errors.js';
import { createService } from '../../lib/services.js';
import type { Run } from '../spec.js';
import { SERVICE_DETAIL_COLUMNS, serviceFieldsOf } from './fields.js';
import type { create } from './specs.js';
import { textOf } from '../../lib/rows.js';

async function askUniqueName(ctx: Context): Promise<string> {
  if (!ctx.io.stdinIsTTY) {
    throw new UsageError('missing required flag --unique-name', { hint: 'e.g. ci services create --unique-name test-ci' });
  }
  const prompter = await ctx.prompter();
  return prompter.input('Unique name of the service', {
    validate: (value) => (value.trim() ? true : 'a unique name is required'),
  });
}

export const run: Run<typeof create> = async (ctx, options) => {
  const uniqueName = options.uniqueName ?? (await askUniqueName(ctx));
  const fields = { ...serviceFieldsOf(options), uniqueName };
  const service = await createService(await ctx.client(), fields);
  ctx.log.hint(`Created service ${textOf(service, 'sid')}. Next: ci operators attach ${uniqueName} "Conversation Summary"`);
  return { kind: 'item', data: service, columns: SERVICE_DETAIL_COLUMNS };
};
