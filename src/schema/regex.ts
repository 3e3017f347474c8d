// A regular-expression matcher that runs in time linear in the text (a Pike VM over the pattern's
// NFA), for the `pattern` keyword of schemas from outside: a pattern like ^(a+)+$ cannot stall it.
// It takes the common subset of ECMAScript syntax (classes, groups, alternation, quantifiers,
// anchors, \b) and refuses what no automaton can match, such as backreferences and lookaround.

export class UnsupportedPattern extends Error {}

/** Patterns longer than this, or whose automaton would be larger, are refused. */
export const MAX_PATTERN_LENGTH = 1000;
const MAX_PROGRAM = 20_000;

type Range = [number, number];
interface CharSet {
  ranges: Range[];
  negated: boolean;
}
type Assertion = 'start' | 'end' | 'word-boundary' | 'not-word-boundary';
type Node =
  | { kind: 'char'; set: CharSet }
  | { kind: 'assert'; assertion: Assertion }
  | { kind: 'concat'; items: Node[] }
  | { kind: 'alternate'; options: Node[] }
  | { kind: 'repeat'; item: Node; min: number; max: number };

const DIGIT: Range[] = [[48, 57]];
const WORD: Range[] = [
  [48, 57],
  [65, 90],
  [95, 95],
  [97, 122],
];
const SPACE: Range[] = [
  [9, 13],
  [32, 32],
  [0xa0, 0xa0],
  [0x1680, 0x1680],
  [0x2000, 0x200a],
  [0x2028, 0x2029],
  [0x202f, 0x202f],
  [0x205f, 0x205f],
  [0x3000, 0x3000],
  [0xfeff, 0xfeff],
];
const LINE_TERMINATORS: Range[] = [
  [10, 10],
  [13, 13],
  [0x2028, 0x2029],
];
const MAX_CODE_POINT = 0x10ffff;

const inRanges = (ranges: Range[], cp: number) => ranges.some(([low, high]) => cp >= low && cp <= high);
const testSet = (set: CharSet, cp: number) => inRanges(set.ranges, cp) !== set.negated;
/** The complement of ranges, as ranges (so [\D] can be expressed inside a class). */
function complement(ranges: Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: Range[] = [];
  let next = 0;
  for (const [low, high] of sorted) {
    if (low > next) out.push([next, low - 1]);
    next = Math.max(next, high + 1);
  }
  if (next <= MAX_CODE_POINT) out.push([next, MAX_CODE_POINT]);
  return out;
}
const single = (cp: number): CharSet => ({ ranges: [[cp, cp]], negated: false });

class Parser {
  private at = 0;
  private readonly chars: string[];

  constructor(pattern: string) {
    this.chars = [...pattern];
  }

  parse(): Node {
    const node = this.alternation();
    if (this.at < this.chars.length) throw new UnsupportedPattern(`unexpected "${this.chars[this.at]}"`);
    return node;
  }

  private peek(offset = 0): string | undefined {
    return this.chars[this.at + offset];
  }

  private alternation(): Node {
    const first = this.sequence();
    const options = [first];
    while (this.peek() === '|') {
      this.at++;
      options.push(this.sequence());
    }
    return options.length === 1 ? first : { kind: 'alternate', options };
  }

  private sequence(): Node {
    const items: Node[] = [];
    while (this.at < this.chars.length && this.peek() !== '|' && this.peek() !== ')') items.push(this.quantified(this.atom()));
    return { kind: 'concat', items };
  }

  private quantified(item: Node): Node {
    const char = this.peek();
    let bounds: [number, number] | undefined;
    if (char === '*') bounds = [0, Infinity];
    else if (char === '+') bounds = [1, Infinity];
    else if (char === '?') bounds = [0, 1];
    else if (char === '{') bounds = this.braces();
    if (!bounds) return item;
    if (char !== '{') this.at++;
    if (this.peek() === '?') this.at++; // lazy: the same language, and only "does it match" is asked
    if (item.kind === 'assert') throw new UnsupportedPattern('a quantifier after an anchor');
    return this.quantified({ kind: 'repeat', item, min: bounds[0], max: bounds[1] });
  }

  /** {n}, {n,} or {n,m}; with the u flag (as JSON Schema has it) a lone "{" is an error. */
  private braces(): [number, number] {
    const rest = this.chars.slice(this.at, this.at + 24).join('');
    const found = /^\{(\d+)(,(\d*))?\}/.exec(rest);
    if (!found) throw new UnsupportedPattern('a lone "{" (write \\{ for the character)');
    this.at += found[0].length;
    const min = Number(found[1]);
    const max = found[2] === undefined ? min : found[3] === '' ? Infinity : Number(found[3]);
    if (max < min) throw new UnsupportedPattern('numbers out of order in {} quantifier');
    return [min, max];
  }

  private atom(): Node {
    const char = this.chars[this.at++];
    if (char === undefined) throw new UnsupportedPattern('unexpected end of pattern');
    switch (char) {
      case '^':
        return { kind: 'assert', assertion: 'start' };
      case '$':
        return { kind: 'assert', assertion: 'end' };
      case '.':
        return { kind: 'char', set: { ranges: LINE_TERMINATORS, negated: true } };
      case '[':
        return { kind: 'char', set: this.charClass() };
      case '(':
        return this.group();
      case '\\':
        return this.escape();
      case '*':
      case '+':
      case '?':
      case '{':
        throw new UnsupportedPattern(`nothing to repeat before "${char}"`);
      case '}':
      case ']':
        throw new UnsupportedPattern(`a lone "${char}" (write \\${char} for the character)`);
      default:
        return { kind: 'char', set: single(char.codePointAt(0) ?? 0) };
    }
  }

  private group(): Node {
    if (this.peek() === '?') {
      const kind = this.peek(1);
      if (kind === ':') this.at += 2;
      else if (kind === '<' && this.peek(2) !== '=' && this.peek(2) !== '!') {
        const close = this.chars.indexOf('>', this.at);
        if (close < 0) throw new UnsupportedPattern('unterminated group name');
        this.at = close + 1;
      } else throw new UnsupportedPattern('lookahead and lookbehind cannot be matched in linear time');
    }
    const inner = this.alternation();
    if (this.chars[this.at++] !== ')') throw new UnsupportedPattern('unterminated group');
    return inner;
  }

  private escape(): Node {
    const char = this.chars[this.at];
    if (char === 'b' || char === 'B') {
      this.at++;
      return { kind: 'assert', assertion: char === 'b' ? 'word-boundary' : 'not-word-boundary' };
    }
    if (char !== undefined && ((char >= '1' && char <= '9') || char === 'k'))
      throw new UnsupportedPattern('backreferences cannot be matched in linear time');
    return { kind: 'char', set: this.escapedSet() };
  }

  /** After a backslash: a class escape (\d, \w, \s and their negations) or one character. */
  private escapedSet(): CharSet {
    const char = this.chars[this.at++];
    if (char === undefined) throw new UnsupportedPattern('a pattern cannot end with "\\"');
    const classes: Record<string, Range[]> = { d: DIGIT, w: WORD, s: SPACE };
    const lower = char.toLowerCase();
    const named = classes[lower];
    if (named) return { ranges: named, negated: char !== lower };
    if (char === 'p' || char === 'P') throw new UnsupportedPattern('Unicode property escapes are not supported');
    return single(this.escapedCodePoint(char));
  }

  private escapedCodePoint(char: string): number {
    const controls: Record<string, number> = { t: 9, n: 10, v: 11, f: 12, r: 13, '0': 0 };
    const control = controls[char];
    if (control !== undefined) return control;
    if (char === 'x' || char === 'u') {
      const rest = this.chars.slice(this.at, this.at + 10).join('');
      const found = char === 'x' ? /^[0-9a-fA-F]{2}/.exec(rest) : (/^\{([0-9a-fA-F]{1,6})\}/.exec(rest) ?? /^[0-9a-fA-F]{4}/.exec(rest));
      if (!found) throw new UnsupportedPattern(`invalid \\${char} escape`);
      this.at += found[0].length;
      return parseInt(found[1] ?? found[0], 16);
    }
    if (/[A-Za-z]/.test(char)) throw new UnsupportedPattern(`unknown escape \\${char}`);
    return char.codePointAt(0) ?? 0;
  }

  private charClass(): CharSet {
    const negated = this.peek() === '^';
    if (negated) this.at++;
    const ranges: Range[] = [];
    while (this.peek() !== ']') {
      if (this.at >= this.chars.length) throw new UnsupportedPattern('unterminated character class');
      const low = this.classAtom();
      if (Array.isArray(low)) {
        ranges.push(...low);
        continue;
      }
      if (this.peek() === '-' && this.peek(1) !== ']' && this.peek(1) !== undefined) {
        this.at++;
        const high = this.classAtom();
        if (Array.isArray(high)) throw new UnsupportedPattern('a class escape cannot end a range');
        if (high < low) throw new UnsupportedPattern('range out of order in character class');
        ranges.push([low, high]);
      } else ranges.push([low, low]);
    }
    this.at++;
    return { ranges, negated };
  }

  /** One character of a class, or the ranges of a class escape inside it. */
  private classAtom(): number | Range[] {
    const char = this.chars[this.at++];
    if (char === undefined) throw new UnsupportedPattern('unterminated character class');
    if (char !== '\\') return char.codePointAt(0) ?? 0;
    const next = this.peek();
    if (next === 'b') {
      this.at++;
      return 8; // backspace, inside a class
    }
    if (next === '-') {
      this.at++;
      return 45;
    }
    const set = this.escapedSet();
    if (set.negated) return complement(set.ranges);
    const [only] = set.ranges;
    return set.ranges.length === 1 && only !== undefined && only[0] === only[1] ? only[0] : set.ranges;
  }
}

// The program: Pike VM instructions.
type Instruction =
  | { op: 'char'; set: CharSet }
  | { op: 'assert'; assertion: Assertion }
  | { op: 'split'; first: number; second: number }
  | { op: 'jump'; to: number }
  | { op: 'match' };

class Compiler {
  readonly program: Instruction[] = [];

  private emit(instruction: Instruction): number {
    if (this.program.length >= MAX_PROGRAM) throw new UnsupportedPattern('the pattern is too large (expand its {n,m} repeats less)');
    this.program.push(instruction);
    return this.program.length - 1;
  }

  compile(node: Node): void {
    switch (node.kind) {
      case 'char':
        this.emit({ op: 'char', set: node.set });
        return;
      case 'assert':
        this.emit({ op: 'assert', assertion: node.assertion });
        return;
      case 'concat':
        for (const item of node.items) this.compile(item);
        return;
      case 'alternate':
        return this.alternate(node.options);
      case 'repeat':
        return this.repeat(node.item, node.min, node.max);
    }
  }

  private alternate(options: Node[]): void {
    const jumps: number[] = [];
    options.forEach((option, index) => {
      if (index === options.length - 1) return this.compile(option);
      const split = this.emit({ op: 'split', first: 0, second: 0 });
      this.program[split] = { op: 'split', first: split + 1, second: 0 };
      this.compile(option);
      jumps.push(this.emit({ op: 'jump', to: 0 }));
      this.program[split] = { op: 'split', first: split + 1, second: this.program.length };
    });
    for (const jump of jumps) this.program[jump] = { op: 'jump', to: this.program.length };
  }

  private repeat(item: Node, min: number, max: number): void {
    for (let i = 0; i < min; i++) this.compile(item);
    if (max === Infinity) {
      const split = this.emit({ op: 'split', first: 0, second: 0 });
      this.compile(item);
      this.emit({ op: 'jump', to: split });
      this.program[split] = { op: 'split', first: split + 1, second: this.program.length };
      return;
    }
    const splits: number[] = [];
    for (let i = min; i < max; i++) {
      splits.push(this.emit({ op: 'split', first: 0, second: 0 }));
      this.compile(item);
    }
    for (const split of splits) this.program[split] = { op: 'split', first: split + 1, second: this.program.length };
  }
}

const isWordChar = (cp: number | undefined) => cp !== undefined && inRanges(WORD, cp);

function holds(assertion: Assertion, previous: number | undefined, next: number | undefined): boolean {
  switch (assertion) {
    case 'start':
      return previous === undefined;
    case 'end':
      return next === undefined;
    case 'word-boundary':
      return isWordChar(previous) !== isWordChar(next);
    case 'not-word-boundary':
      return isWordChar(previous) === isWordChar(next);
  }
}

/** A compiled pattern: `test` searches the text (unanchored, like RegExp.prototype.test) in O(text × pattern). */
export class LinearRegExp {
  private readonly program: Instruction[];

  constructor(readonly source: string) {
    if ([...source].length > MAX_PATTERN_LENGTH) throw new UnsupportedPattern(`longer than ${MAX_PATTERN_LENGTH} characters`);
    const compiler = new Compiler();
    compiler.compile(new Parser(source).parse());
    compiler.program.push({ op: 'match' });
    this.program = compiler.program;
  }

  test(text: string): boolean {
    const codePoints = [...text].map((char) => char.codePointAt(0) ?? 0);
    let current: number[] = [];
    const seen = new Int32Array(this.program.length).fill(-1);
    // Adds pc and what it leads to without consuming input; true when the match instruction is reached.
    const add = (list: number[], start: number, position: number): boolean => {
      const pending = [start];
      while (pending.length) {
        const pc = pending.pop() ?? 0;
        if (seen[pc] === position) continue;
        seen[pc] = position;
        const instruction = this.program[pc];
        if (instruction?.op === 'match') return true;
        if (instruction?.op === 'jump') pending.push(instruction.to);
        else if (instruction?.op === 'split') pending.push(instruction.second, instruction.first);
        else if (instruction?.op === 'assert') {
          if (holds(instruction.assertion, codePoints[position - 1], codePoints[position])) pending.push(pc + 1);
        } else list.push(pc);
      }
      return false;
    };
    for (let position = 0; position <= codePoints.length; position++) {
      if (add(current, 0, position)) return true; // a match may start anywhere
      const cp = codePoints[position];
      if (cp === undefined) break;
      const next: number[] = [];
      for (const pc of current) {
        const instruction = this.program[pc];
        if (instruction?.op === 'char' && testSet(instruction.set, cp) && add(next, pc + 1, position + 1)) return true;
      }
      current = next;
    }
    return false;
  }

  toString(): string {
    return `/${this.source}/`;
  }
}

/** Why a pattern cannot be matched here, or undefined when it can. */
export function patternProblem(pattern: string): string | undefined {
  try {
    new LinearRegExp(pattern);
    return undefined;
  } catch (error) {
    if (error instanceof UnsupportedPattern) return error.message;
    throw error;
  }
}

/** ajv's `code.regExp` option: every `pattern` and `patternProperties` goes through the linear matcher. */
export const linearRegExpEngine = Object.assign((pattern: string) => new LinearRegExp(pattern), {
  code: 'linearRegExp',
});
