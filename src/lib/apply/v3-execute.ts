// Runs the v3 steps of a plan through the v3 library: operators updated with If-Match, configurations
// with the library's version check; rule operators created earlier in the same apply get their new IDs.
import type { Twilio } from 'twilio';
import type { WaitOptions } from '../conversations-operations.js';
import { changeConfiguration, createConfiguration, deleteConfiguration, type Rule } from '../v3/configurations.js';
import { createOperator, deleteOperator, updateOperator } from '../v3/operators.js';
import { runConversationStep } from './conversation-execute.js';
import type { PlannedConfiguration, V3Step } from './v3-plan.js';

/** What earlier steps of the same apply created, by display name, for the steps that refer to it. */
export interface V3Created {
  operators: Map<string, string>;
  configurations: Map<string, string>;
}

/** The rules as the API takes them; `created` maps a display name to the ID an earlier step gave it. */
function apiRules(configuration: PlannedConfiguration, created: ReadonlyMap<string, string>): Rule[] {
  return configuration.rules.map(({ operators, ...rule }) => ({
    ...rule,
    operators: operators.map(({ id, name, ...operator }) => ({ id: id ?? created.get(name) ?? name, ...operator })),
  }));
}

/** Runs one v3 step; returns the ID it created or changed. */
export async function runV3Step(client: Twilio, step: V3Step, created: V3Created, wait: WaitOptions): Promise<string> {
  if (step.kind === 'conversation-configuration') return runConversationStep(client, step, created.configurations, wait);
  switch (step.action) {
    case 'create': {
      if (step.kind === 'v3-operator') {
        const id = String((await createOperator(client, step.definition)).id);
        created.operators.set(step.name, id);
        return id;
      }
      const { displayName, description } = step.configuration;
      const rules = apiRules(step.configuration, created.operators);
      const id = String(
        (await createConfiguration(client, { displayName, ...(description === undefined ? {} : { description }), rules })).id,
      );
      created.configurations.set(step.name, id);
      return id;
    }
    case 'update':
      if (step.kind === 'v3-operator') {
        await updateOperator(client, step.id, step.definition, step.version);
        return step.id;
      }
      await changeConfiguration(client, step.current, () => ({
        ...step.current,
        displayName: step.configuration.displayName,
        description: step.configuration.description,
        rules: apiRules(step.configuration, created.operators),
      }));
      return step.id;
    case 'delete':
      if (step.kind === 'v3-operator') await deleteOperator(client, step.id);
      else await deleteConfiguration(client, step.id);
      return step.id;
  }
}
