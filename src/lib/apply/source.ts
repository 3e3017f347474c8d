// A configuration file parsed with positions: YAML, or JSON (which YAML 1.2 reads as well), so
// every problem can be reported as file:line:column.
import { isMap, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { UsageError } from '../errors.js';

export type PathSegment = string | number;

/** Something wrong at a place in the file; `key` points at the key rather than the value. */
export interface Problem {
  path: PathSegment[];
  message: string;
  key?: boolean;
  /** What the user may allow to get past it: a secret variable by name, or files outside the directory. */
  allow?: { env: string } | { outsideFiles: true };
}

const MAX_REPORTED = 5;
/** Flow collections ([…], {…}) nested deeper than this are refused before the YAML parser sees them. */
const MAX_FLOW_NESTING = 256;

/** Line of the first bracket nested deeper than the limit; brackets in strings count too (a cheap, safe upper bound). */
function overNested(text: string): number | undefined {
  let depth = 0;
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (char === 10) line++;
    else if (char === 91 || char === 123) {
      if (++depth > MAX_FLOW_NESTING) return line;
    } else if ((char === 93 || char === 125) && depth > 0) depth--;
  }
  return undefined;
}

/** The hint for problems the user may allow (the flags of `ci apply` and `ci diff`). */
function allowHint(problems: Problem[]): string | undefined {
  const names = [...new Set(problems.flatMap((problem) => (problem.allow && 'env' in problem.allow ? [problem.allow.env] : [])))];
  const outside = problems.some((problem) => problem.allow && 'outsideFiles' in problem.allow);
  const hints = [
    ...(names.length ? [`to expand them anyway: ${names.map((name) => `--allow-env ${name}`).join(' ')}`] : []),
    ...(outside ? ['to read files outside the directory anyway: --allow-outside-files'] : []),
  ];
  return hints.length ? hints.join('; ') : undefined;
}

export class SourceFile {
  private constructor(
    /** The name used in messages: the path as given, or "<stdin>". */
    readonly name: string,
    private readonly document: Document.Parsed,
    private readonly lines: LineCounter,
  ) {}

  static parse(name: string, text: string): SourceFile {
    const deepLine = overNested(text);
    if (deepLine !== undefined) throw new UsageError(`${name}:${deepLine}: nested more than ${MAX_FLOW_NESTING} levels deep`);
    const lines = new LineCounter();
    const document = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
    const file = new SourceFile(name, document, lines);
    const [error] = document.errors;
    if (error) {
      const { line, col } = lines.linePos(error.pos[0]);
      throw new UsageError(`${name}:${line}:${col}: ${error.message.split('\n')[0]}`);
    }
    return file;
  }

  get value(): unknown {
    const value: unknown = this.document.toJS();
    return value;
  }

  /** "file:line:column" of the node at path (or of its key), else of the nearest parent that exists. */
  where(path: PathSegment[], key = false): string {
    let node: Node | null | undefined = this.document.contents;
    let offset = node?.range?.[0] ?? 0;
    for (const [index, segment] of path.entries()) {
      let next: Node | undefined;
      if (isMap(node)) {
        const pair = node.items.find((item) => (item.key as { value?: unknown } | null)?.value === segment);
        if (pair && key && index === path.length - 1) next = pair.key as Node;
        else next = (pair?.value ?? undefined) as Node | undefined;
      } else if (isSeq(node)) next = node.items[Number(segment)] as Node | undefined;
      if (!next?.range) break;
      node = next;
      offset = next.range[0];
    }
    const { line, col } = this.lines.linePos(offset);
    return `${this.name}:${line}:${col}`;
  }

  /** One usage error (exit 2) naming each problem's place; the first few, then how many more. */
  fail(problems: Problem[]): never {
    const shown = problems.slice(0, MAX_REPORTED).map((problem) => `${this.where(problem.path, problem.key)}: ${problem.message}`);
    const more = problems.length > MAX_REPORTED ? `; and ${problems.length - MAX_REPORTED} more` : '';
    throw new UsageError(`${shown.join('; ')}${more}`, { hint: allowHint(problems) });
  }
}
