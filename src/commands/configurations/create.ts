import { readFile } from 'node:fs/promises';
import { UsageError } from '../../lib/errors.js';
import { createConfiguration, ruleOperator, type Rule } from '../../lib/v3/configurations.js';
import { onlyV3 } from '../shared/generation.js';
import type { Run } from '../spec.js';
import { CONFIGURATION_COLUMNS } from './fields.js';
import { operatorsOf, triggerOf, webhooksOf } from './rule-from-flags.js';
import type { create } from './specs.js';
import { messageOf } from '../../lib/thrown.js';

interface ConfigurationFile {
  displayName?: string;
  description?: string;
  rules?: (Omit<Rule, 'operators'> & { operators: (string | Rule['operators'][number])[] })[];
}

export const run: Run<typeof create> = async (ctx, options) => {
  onlyV3(ctx, 'configurations');
  const client = await ctx.client();
  if (options.file !== undefined) {
    if (options.operator || options.webhook || options.trigger) throw new UsageError('give --file or rule flags, not both');
    let parsed: ConfigurationFile;
    try {
      parsed = JSON.parse(await readFile(options.file, 'utf8')) as ConfigurationFile;
    } catch (error) {
      throw new UsageError(`--file ${options.file}: ${messageOf(error)}`);
    }
    const rules: Rule[] = [];
    for (const rule of parsed.rules ?? []) {
      const operators = [];
      for (const operator of rule.operators) operators.push(typeof operator === 'string' ? await ruleOperator(client, operator) : operator);
      rules.push({ operators, triggers: rule.triggers ?? [{ on: 'CONVERSATION_END' }], actions: rule.actions ?? [] });
    }
    const displayName = options.name ?? parsed.displayName;
    if (!displayName) throw new UsageError('the configuration needs a display name (--name or displayName in the file)');
    const data = await createConfiguration(client, { displayName, description: options.description ?? parsed.description, rules });
    return { kind: 'item', data, columns: CONFIGURATION_COLUMNS };
  }
  if (!options.name) throw new UsageError('missing --name');
  const rules: Rule[] = options.operator
    ? [{ operators: await operatorsOf(client, options.operator), triggers: triggerOf(options), actions: webhooksOf(options.webhook) }]
    : [];
  const data = await createConfiguration(client, { displayName: options.name, description: options.description, rules });
  return { kind: 'item', data, columns: CONFIGURATION_COLUMNS };
};
