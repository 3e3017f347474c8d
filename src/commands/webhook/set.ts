import type { Context } from '../../lib/context.js';
import type { CommandResult } from '../../lib/output/types.js';
import { updateService, type WebhookMethod } from '../../lib/services.js';
import { SERVICE_DETAIL_COLUMNS } from '../services/fields.js';

export async function run(ctx: Context, flags: { method: WebhookMethod }, service: string, url: string): Promise<CommandResult> {
  const updated = await updateService(await ctx.client(), service, { webhookUrl: url, webhookHttpMethod: flags.method });
  return { kind: 'item', data: updated, columns: SERVICE_DETAIL_COLUMNS };
}
