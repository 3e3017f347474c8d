import { applyPlan } from '../../lib/apply/execute.js';
import { planFile } from '../../lib/apply/from-file.js';
import { planText, reportJson, reportText } from '../../lib/apply/report.js';
import { confirmDestructive } from '../../lib/confirm.js';
import { CliError, UsageError } from '../../lib/errors.js';
import { makeStyle } from '../../lib/output/style.js';
import type { Run } from '../spec.js';
import type { applySpec } from './specs.js';

export const run: Run<typeof applySpec> = async (ctx, flags) => {
  if (flags.printSchema) {
    const { CONFIG_SCHEMA } = await import('../../lib/apply/config-schema.js');
    return { kind: 'text', text: JSON.stringify(CONFIG_SCHEMA, null, 2) };
  }
  if (!flags.file) throw new UsageError('missing required flag -f, --file <file>', { hint: 'see `ci apply --help`' });
  const file = flags.file === '-' ? '<stdin>' : flags.file;
  const steps = await planFile(
    () => ctx.client(),
    flags.file,
    { env: ctx.env, files: ctx.files, allowEnv: flags.allowEnv, allowOutsideFiles: flags.allowOutsideFiles },
    { prune: flags.prune, allowDuplicateName: flags.allowDuplicateName },
  );
  if (steps.length && !flags.yes) {
    ctx.log.progress(planText(file, steps, makeStyle(ctx.io.color, ctx.io.stderrIsTTY)));
    await confirmDestructive(ctx, `apply ${steps.length} change${steps.length === 1 ? '' : 's'}`, flags.yes);
  }
  const report = await applyPlan(await ctx.client(), steps, ctx.signal);
  const failed = report.failed;
  return {
    kind: 'view',
    json: reportJson(report),
    human: (style) =>
      [...(flags.yes && steps.length ? [planText(file, steps, style), ''] : []), reportText(file, report, style)].join('\n'),
    failure: failed
      ? new CliError(
          `${failed.error.message} (applied ${report.applied.length} of ${steps.length} changes, ${report.notApplied.length + 1} not applied)`,
          failed.error.exitCode,
          {
            code: failed.error.code,
            moreInfo: failed.error.moreInfo,
            hint: failed.error.hint ?? 'fix the cause and run the apply again: it continues where it stopped',
          },
        )
      : undefined,
  };
};
