import { readDefinitionParts } from '../../lib/operator-input.js';
import { assertNameFree } from '../../lib/operator-names.js';
import { assertNoProblems, attachOperators, createGenerativeOperator, customOperatorNames, newDefinition } from '../../lib/operators.js';
import { resolveServiceSid } from '../../lib/services.js';
import type { Run } from '../spec.js';
import { OPERATOR_DETAIL_COLUMNS } from './fields.js';
import type { create } from './specs.js';
import { textOf } from '../../lib/rows.js';

export const run: Run<typeof create> = async (ctx, options) => {
  const { definition, problems } = newDefinition(options.name, await readDefinitionParts(options, ctx.files));
  assertNoProblems(problems, 'invalid operator');
  const client = await ctx.client();
  assertNameFree(await customOperatorNames(client), definition.friendlyName, { allowDuplicate: options.allowDuplicateName });
  // The service is resolved first, so a wrong --attach leaves no orphan operator behind.
  const serviceSid = options.attach === undefined ? undefined : await resolveServiceSid(client, options.attach);
  const operator = await createGenerativeOperator(client, definition);
  if (serviceSid) {
    await attachOperators(client, serviceSid, [textOf(operator, 'sid')]);
    ctx.log.progress(`Attached ${textOf(operator, 'sid')} to service ${serviceSid}.`);
  }
  return { kind: 'item', data: operator, columns: OPERATOR_DETAIL_COLUMNS };
};
