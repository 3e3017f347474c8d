// The account's v3 operators and configurations in the file format, so the export plans no changes.
// A name two items share is not a key: such items carry their `id`, and rules name such operators by ID.
import type { Row } from '../output/types.js';
import { definitionOf } from '../v3/operators.js';
import { exportConversationConfigurations } from './conversation-export.js';
import type { CurrentV3 } from './state.js';
import { currentRulesPlanned, rulesShown } from './v3-plan.js';

const shared = (names: string[]) => {
  const counts = new Map<string, number>();
  for (const name of names) counts.set(name, (counts.get(name) ?? 0) + 1);
  return (name: string) => (counts.get(name) ?? 0) > 1;
};

function exportedOperator(row: Row, isShared: (name: string) => boolean): Record<string, unknown> {
  const definition = definitionOf(row);
  const { memory, knowledge } = definition.context;
  return {
    displayName: definition.displayName,
    ...(isShared(definition.displayName) ? { id: row.id } : {}),
    ...(definition.description ? { description: definition.description } : {}),
    outputFormat: definition.outputFormat,
    prompt: definition.prompt,
    ...(definition.outputSchema === undefined ? {} : { schema: definition.outputSchema }),
    ...(definition.trainingExamples.length ? { examples: definition.trainingExamples } : {}),
    ...(Object.keys(definition.parameters).length ? { parameters: definition.parameters } : {}),
    ...(memory.enabled || knowledge.enabled ? { context: { memory: memory.enabled, knowledge: knowledge.enabled } } : {}),
  };
}

/** The `v3:` section, or undefined when the account has no operators of its own, configurations or conversation configurations. */
export function exportV3(current: CurrentV3): Record<string, unknown> | undefined {
  const own = current.operators.filter((row) => row.author !== 'TWILIO');
  const conversations = current.conversations;
  if (!own.length && !current.configurations.length && !conversations?.configurations.length) return undefined;
  const ownShared = shared(own.map((row) => String(row.displayName)));
  const anyShared = shared(current.operators.map((row) => String(row.displayName)));
  // A rule names an operator by display name only where no other operator (Twilio's included) has it.
  const names = new Map(
    current.operators.map((row) => [String(row.id), anyShared(String(row.displayName)) ? String(row.id) : String(row.displayName)]),
  );
  const configurationShared = shared(current.configurations.map((configuration) => configuration.displayName));
  return {
    operators: own.map((row) => exportedOperator(row, ownShared)),
    configurations: current.configurations.map((configuration) => ({
      displayName: configuration.displayName,
      ...(configurationShared(configuration.displayName) ? { id: configuration.id } : {}),
      ...(configuration.description ? { description: configuration.description } : {}),
      rules: rulesShown(currentRulesPlanned(configuration, names)),
    })),
    ...(conversations ? { conversationConfigurations: exportConversationConfigurations(conversations, current.configurations) } : {}),
  };
}
