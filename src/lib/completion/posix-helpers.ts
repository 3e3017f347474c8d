// Lookup functions shared by the bash and zsh scripts: plain `case` statements keyed by the
// command path ("services create"), valid in both shells, so there is one walker for both.
import { walk, type CompletionCommand, type CompletionOption, type NameKind } from './tree.js';

/** A single-quoted shell word. */
export const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

const key = (node: CompletionCommand) => node.path.join(' ');

/** Options usable at a command: its own plus the root's global ones. */
export function optionsAt(root: CompletionCommand, node: CompletionCommand): CompletionOption[] {
  const global = root.options.filter((option) => !option.names.includes('--help') && !option.names.includes('--version'));
  return node === root ? root.options : [...node.options, ...global];
}

/** Arms match "$1" (a path) or, with `withFlag`, "$1|$2" (a path and a word). */
function caseFunction(name: string, comment: string, arms: Array<[string[], string]>, fallback: string, withFlag = false): string {
  const body = arms.map(([patterns, action]) => `    ${patterns.map(quote).join('|')}) ${action} ;;`).join('\n');
  return `# ${comment}\n${name}() {\n  case "${withFlag ? '$1|$2' : '$1'}" in\n${body}\n    *) ${fallback} ;;\n  esac\n}\n`;
}

export function posixHelpers(root: CompletionCommand): string {
  const nodes = [...walk(root)];
  const children = nodes.flatMap((node) =>
    node.subcommands.map((child): [string[], string] => [
      child.names.map((name) => `${key(node)}|${name}`),
      `echo ${quote(child.path.at(-1)!)}`,
    ]),
  );
  const words = (node: CompletionCommand) => [...node.subcommands.map((child) => child.names[0]), ...node.argumentChoices];
  const commands = nodes
    .filter((node) => words(node).length)
    .map((node): [string[], string] => [[key(node)], `echo ${quote(words(node).join(' '))}`]);
  const options = nodes.map((node): [string[], string] => [
    [key(node)],
    `echo ${quote(
      optionsAt(root, node)
        .flatMap((o) => o.names)
        .join(' '),
    )}`,
  ]);
  const valued = nodes.flatMap((node) =>
    optionsAt(root, node)
      .filter((o) => o.takesValue)
      .flatMap((o) => o.names.map((name) => `${key(node)}|${name}`)),
  );
  const choices = nodes.flatMap((node) =>
    optionsAt(root, node)
      .filter((o) => o.choices.length)
      .map((o): [string[], string] => [o.names.map((name) => `${key(node)}|${name}`), `echo ${quote(o.choices.join(' '))}`]),
  );
  const dynamic = nodes.flatMap((node) =>
    dynamicSlots(root, node).map(([slot, kind]): [string[], string] => [[`${key(node)}|${slot}`], `echo ${kind}`]),
  );
  return [
    caseFunction(
      '__ci_dynamic',
      'services or operators when flag $2 (or position #N) at path $1 names one of the account',
      dynamic,
      ':',
      true,
    ),
    caseFunction('__ci_child', 'canonical name of subcommand $2 under path $1 (aliases included)', children, ':', true),
    caseFunction('__ci_commands', 'subcommands (or argument values) under path $1', commands, ':'),
    caseFunction('__ci_options', 'flags usable at path $1', options, ':'),
    caseFunction(
      '__ci_value_option',
      'succeeds when flag $2 at path $1 takes a value',
      valued.length ? [[valued, 'return 0']] : [],
      'return 1',
      true,
    ),
    caseFunction('__ci_choices', 'the allowed values of flag $2 at path $1', choices, ':', true),
  ].join('\n');
}

/** Where a command takes a service or operator name: its flags, and `#N` for the Nth positional argument (a repeating last one: 10 times). */
export function dynamicSlots(root: CompletionCommand, node: CompletionCommand): Array<[string, NameKind]> {
  const slots: Array<[string, NameKind]> = [];
  for (const option of optionsAt(root, node)) if (option.dynamic) for (const name of option.names) slots.push([name, option.dynamic]);
  node.dynamicArguments.forEach((kind, index) => {
    const repeats = node.variadicLast && index === node.dynamicArguments.length - 1 ? 10 : 1;
    if (kind) for (let at = index; at < index + repeats; at++) slots.push([`#${at}`, kind]);
  });
  return slots;
}

/** The loop both shells run: canonical command path from the words before the cursor. */
export function pathWalker(words: string, first: number, current: string): string {
  return [
    `  local cmdpath="" word next i npos=0`,
    `  for ((i = ${first}; i < ${current}; i++)); do`,
    `    word="${words}[i]}"`,
    `    case "$word" in`,
    `      -*) if __ci_value_option "$cmdpath" "$word"; then i=$((i + 1)); fi; continue ;;`,
    `    esac`,
    `    next="$(__ci_child "$cmdpath" "$word")"`,
    `    if [ -n "$next" ]; then cmdpath="\${cmdpath:+$cmdpath }$next"; else npos=$((npos + 1)); fi`,
    `  done`,
  ].join('\n');
}
