// `ci … --help` without commander or the ES module loader: scripts/build-help.mjs captures every command's help
// from commander at build time as a template (literal text, plus the two pieces that depend on the terminal
// width), and bin/ci.js renders it here (through dist/help.cjs). test/unit/help-text.test.ts checks the two print
// the same bytes. Every function below is self-contained (no imports, no closures, only each other): the build
// copies their source into that CommonJS file.

/** A piece of help: literal text, a `term  description` row (commander's formatItem) or a wrapped paragraph (its boxWrap). */
export type HelpSegment =
  string | { item: [term: string, termWidth: number, description: string] } | { wrap: [text: string, widthOffset: number] };

/** One command's help, and its subcommands by name (`names` maps each name and alias to its name). */
export interface HelpNode {
  segments: HelpSegment[];
  names: Record<string, string>;
  commands: Record<string, HelpNode>;
}

/** Every command's help; `minWidthToWrap` is commander's (no wrapping below it). */
export interface HelpTree {
  minWidthToWrap: number;
  root: HelpNode;
}

/** The width help is wrapped to, as main() reads it: COLUMNS, then the terminal's, then 100. */
export function terminalColumns(
  env: Record<string, string | undefined>,
  stdout: { columns?: number },
  stderr: { columns?: number },
): number {
  return Number.parseInt(env.COLUMNS ?? '', 10) || stdout.columns || stderr.columns || 100;
}

/** Commander's boxWrap: words (with the space before them) gathered into lines of at most `width`. */
export function wrapHelpText(text: string, width: number, minWidthToWrap: number): string {
  if (width < minWidthToWrap) return text;
  const wrapped: string[] = [];
  for (const line of text.split(/\r\n|\n/)) {
    const chunks = line.match(/[\s]*[^\s]+/g) ?? [''];
    let current = chunks[0] ?? '';
    for (const chunk of chunks.slice(1)) {
      if (current.length + chunk.length <= width) current += chunk;
      else {
        wrapped.push(current);
        current = chunk.trimStart();
      }
    }
    wrapped.push(current);
  }
  return wrapped.join('\n');
}

/** Commander's formatItem: the term padded to `termWidth`, the description wrapped beside it. */
export function formatHelpItem(term: string, termWidth: number, description: string, width: number, minWidthToWrap: number): string {
  if (!description) return `  ${term}`;
  const remainingWidth = width - termWidth - 4;
  const described =
    remainingWidth < minWidthToWrap || /\n[^\S\r\n]/.test(description)
      ? description
      : wrapHelpText(description, remainingWidth, minWidthToWrap).replace(/\n/g, '\n' + ' '.repeat(termWidth + 2));
  return `  ${term.padEnd(termWidth)}  ${described.replace(/\n/g, '\n  ')}`;
}

export function renderHelp(segments: HelpSegment[], width: number, minWidthToWrap: number): string {
  return segments
    .map((segment) => {
      if (typeof segment === 'string') return segment;
      if ('item' in segment) return formatHelpItem(...segment.item, width, minWidthToWrap);
      return wrapHelpText(segment.wrap[0], width - segment.wrap[1], minWidthToWrap);
    })
    .join('');
}

/**
 * The help `ci <command…> --help` (or `-h`) prints, for the arguments after `ci`; undefined for any other
 * command line (main() answers it, commander and all).
 */
export function helpFor(tree: HelpTree, args: string[], columns: number): string | undefined {
  const last = args[args.length - 1];
  if (last !== '--help' && last !== '-h') return undefined;
  let node: HelpNode | undefined = tree.root;
  for (const word of args.slice(0, -1)) {
    const name: string | undefined = Object.hasOwn(node.names, word) ? node.names[word] : undefined;
    node = name === undefined ? undefined : node.commands[name];
    if (node === undefined) return undefined;
  }
  return renderHelp(node.segments, columns, tree.minWidthToWrap);
}
