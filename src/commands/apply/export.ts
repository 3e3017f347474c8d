import { exportDocument } from '../../lib/apply/export.js';
import { fetchCurrentState } from '../../lib/apply/state.js';
import type { Run } from '../spec.js';
import type { exportSpec } from './specs.js';

export const run: Run<typeof exportSpec> = async (ctx, flags) => {
  const everything = !flags.service?.length;
  const current = await fetchCurrentState(await ctx.client(), { v3: everything, conversations: everything });
  const document = exportDocument(current, flags.service);
  if (flags.format === 'json' || flags.json) return { kind: 'text', text: JSON.stringify(document, null, 2) };
  const { stringify } = await import('yaml');
  return { kind: 'text', text: `# Exported by \`ci export\`; apply with \`ci apply -f FILE\`.\n${stringify(document, { lineWidth: 0 })}` };
};
