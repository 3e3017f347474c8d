import type { Context } from '../../lib/context.js';
import { exportDocument } from '../../lib/apply/export.js';
import { fetchCurrentState } from '../../lib/apply/state.js';
import type { CommandResult } from '../../lib/output/types.js';

interface ExportFlags {
  service?: string[];
  format: 'yaml' | 'json';
}

export async function run(ctx: Context, flags: ExportFlags): Promise<CommandResult> {
  const document = exportDocument(await fetchCurrentState(await ctx.client()), flags.service);
  if (flags.format === 'json') return { kind: 'text', text: JSON.stringify(document, null, 2) };
  const { stringify } = await import('yaml');
  return { kind: 'text', text: `# Exported by \`ci export\`; apply with \`ci apply -f FILE\`.\n${stringify(document, { lineWidth: 0 })}` };
}
