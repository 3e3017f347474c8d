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
}

const MAX_REPORTED = 5;

export class SourceFile {
  private constructor(
    /** The name used in messages: the path as given, or "<stdin>". */
    readonly name: string,
    private readonly document: Document.Parsed,
    private readonly lines: LineCounter,
  ) {}

  static parse(name: string, text: string): SourceFile {
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
    return this.document.toJS();
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
    throw new UsageError(`${shown.join('; ')}${more}`);
  }
}
