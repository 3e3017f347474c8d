import { UsageError } from '../../lib/errors.js';
import { changeConfiguration, resolveConfiguration, ruleIndex } from '../../lib/v3/configurations.js';
import { operatorId } from '../../lib/v3/operators.js';
import { onlyV3 } from '../shared/generation.js';
import type { Run } from '../spec.js';
import { CONFIGURATION_COLUMNS } from './fields.js';
import type { rulesRemove } from './specs.js';

export const run: Run<typeof rulesRemove> = async (ctx, options, ref, ruleRef) => {
  onlyV3(ctx, 'configurations');
  const client = await ctx.client();
  const current = await resolveConfiguration(client, ref);
  const ids: string[] = [];
  for (const operator of options.operator ?? []) ids.push(await operatorId(client, operator));
  const urls = options.webhook ?? [];
  const data = await changeConfiguration(client, current, (configuration) => {
    const index = ruleIndex(configuration, ruleRef);
    if (ids.length === 0 && urls.length === 0) return { ...configuration, rules: configuration.rules.filter((_, at) => at !== index) };
    const rules = configuration.rules.map((rule, at) => {
      if (at !== index) return rule;
      const missing = [
        ...ids.filter((id) => !rule.operators.some((operator) => operator.id === id)),
        ...urls.filter((url) => !rule.actions.some((action) => action.url === url)),
      ];
      if (missing.length) throw new UsageError(`rule ${ruleRef} has no ${missing.join(', ')}`);
      const operators = rule.operators.filter((operator) => !ids.includes(operator.id));
      if (operators.length === 0) {
        throw new UsageError(`that would leave rule ${ruleRef} without operators`, {
          hint: `remove the whole rule: ci configurations rules remove ${ref} ${ruleRef}`,
        });
      }
      return { ...rule, operators, actions: rule.actions.filter((action) => !urls.includes(action.url)) };
    });
    return { ...configuration, rules };
  });
  return { kind: 'item', data, columns: CONFIGURATION_COLUMNS };
};
