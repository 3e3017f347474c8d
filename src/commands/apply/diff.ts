import { CliError, ExitCode } from '../../lib/errors.js';
import { planFile } from '../../lib/apply/from-file.js';
import { planJson, planText, summary } from '../../lib/apply/report.js';
import type { Run } from '../spec.js';
import type { diffSpec } from './specs.js';

export const run: Run<typeof diffSpec> = async (ctx, flags) => {
  const steps = await planFile(
    ctx.client,
    flags.file,
    { env: ctx.env, files: ctx.files, allowEnv: flags.allowEnv, allowOutsideFiles: flags.allowOutsideFiles },
    { prune: flags.prune, allowDuplicateName: flags.allowDuplicateName },
  );
  return {
    kind: 'view',
    json: planJson(steps),
    human: (style) => planText(flags.file === '-' ? '<stdin>' : flags.file, steps, style),
    // Like `git diff --exit-code`, with a code of its own so it is never taken for an error.
    failure: flags.exitCode && steps.length ? new CliError(`the plan has changes: ${summary(steps)}`, ExitCode.changes) : undefined,
  };
};
