import { UsageError } from '../../lib/errors.js';
import { changeConfiguration, resolveConfiguration, ruleIndex } from '../../lib/v3/configurations.js';
import { onlyV3 } from '../shared/generation.js';
import type { Run } from '../spec.js';
import { CONFIGURATION_COLUMNS } from './fields.js';
import { operatorsOf, triggerOf, webhooksOf } from './rule-from-flags.js';
import type { rulesAdd } from './specs.js';

export const run: Run<typeof rulesAdd> = async (ctx, options, ref, ruleRef) => {
  onlyV3(ctx, 'configurations');
  if (!options.operator && !options.webhook) throw new UsageError('give --operator or --webhook to add');
  const client = await ctx.client();
  const current = await resolveConfiguration(client, ref);
  const operators = await operatorsOf(client, options.operator);
  const actions = webhooksOf(options.webhook);
  const data = await changeConfiguration(client, current, (configuration) => {
    if (ruleRef === 'new')
      return { ...configuration, rules: [...configuration.rules, { operators, triggers: triggerOf(options), actions }] };
    if (options.trigger || options.every) throw new UsageError('--trigger and --every go with a new rule (`new`)');
    const index = ruleIndex(configuration, ruleRef);
    const rules = configuration.rules.map((rule, at) =>
      at === index ? { ...rule, operators: [...rule.operators, ...operators], actions: [...rule.actions, ...actions] } : rule,
    );
    return { ...configuration, rules };
  });
  return { kind: 'item', data, columns: CONFIGURATION_COLUMNS };
};
