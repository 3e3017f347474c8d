// Commands as data: each verb declares its arguments, flags (with parser, default and help), output kind,
// examples and loader; src/commands/register.ts builds the commander tree from these. This module loads
// no code of its own at run time beyond the tiny parsers, so a noun's spec costs nothing to import.
import type { Context } from '../lib/context.js';
import type { CommandResult } from '../lib/output/types.js';
import { parseDuration, type DurationBounds } from '../lib/time.js';
import { InvalidFlagValue } from './flag-error.js';

/**
 * What a command prints: `item` (one resource), `list` (rows, streamed), `stream` (events or NDJSON lines
 * as they happen), `view` (a rendered report with a JSON form), `text` (plain text), `none`.
 * The kinds decide the output flags, so no command registers `--json` and friends by hand.
 */
export type OutputKind = 'item' | 'list' | 'stream' | 'view' | 'text' | 'none';

/** One flag; `T` is the value `run` sees, `D` whether a default makes it always present. */
export interface FlagSpec<T = unknown, D extends boolean = boolean> {
  /** Commander syntax: `-y, --yes`, `--limit <n>`, `--participant <spec>`. */
  readonly flags: string;
  readonly help: string;
  // Method syntax: a flag of any value type fits where flags are stored together.
  parse?(value: string, previous: T | undefined): T;
  readonly default?: T;
  /** Values offered by help and completion. */
  readonly choices?: readonly string[];
  /** Help for the `--no-…` twin of a boolean that can be set either way. */
  readonly negation?: string;
  /** Left out of help (flags the completion scripts use). */
  readonly hidden?: boolean;
  /** The command refuses to run without it. */
  readonly required?: boolean;
  /** Flags (by their option name) that cannot be given with this one. */
  readonly conflicts?: readonly string[];
  /** Type-level only: never set. */
  readonly __value?: T;
  readonly __hasDefault?: D;
}

export interface ArgSpec<N extends string = string> {
  /** Commander syntax: `<service>`, `[recording]`, `<operator...>`. */
  readonly name: N;
  readonly help: string;
  readonly choices?: readonly string[];
  /** Words completion offers beside any other value (not enforced, unlike choices). */
  readonly suggestions?: readonly string[];
  /** Checks the value (throwing InvalidFlagValue); it is passed on as typed. */
  check?: (value: string) => void;
}

type Flags = Readonly<Record<string, FlagSpec>>;

export interface VerbShape {
  readonly name: string;
  readonly aliases?: readonly string[];
  readonly summary: string;
  readonly args?: readonly ArgSpec[];
  readonly flags?: Flags;
  /** One kind, or several when a flag switches it (`transcribe --from-file` streams NDJSON). */
  readonly output: OutputKind | readonly OutputKind[];
  /**
   * A list that is one resource's content (a transcript's sentences) is shown whole unless `--limit`
   * says otherwise; every other list stops at DEFAULT_LIST_LIMIT rows unless `--all`.
   */
  readonly listsAll?: boolean;
  /** Help for `--json` when the JSON form needs saying (a view's shape). */
  readonly jsonHelp?: string;
  /** Command lines shown under "Examples:"; every command has at least one. */
  readonly examples: readonly [string, ...string[]];
  /** More help after the examples (how to install a completion script). */
  readonly helpAfter?: string;
  /**
   * The verb stops by itself on the context's signal (Ctrl-C) once it has cleaned up, and then throws
   * InterruptedError; the CLI waits for it instead of answering the interrupt at once.
   */
  readonly stopsOnSignal?: boolean;
}

/** The output flags each kind brings. */
interface ItemOutput {
  json?: boolean;
  fields?: string[];
  header?: boolean;
}
interface ListOutput extends ItemOutput {
  ndjson?: boolean;
  /**
   * The most rows `run` needs to read: one more than the list shows (`--limit`, default 50; Infinity
   * with `--all`), so the output can say that the listing went on. Set by the registrar.
   */
  limit?: number;
  all?: boolean;
}
interface StreamOutput {
  json?: boolean;
  ndjson?: boolean;
}
interface ViewOutput {
  json?: boolean;
  ndjson?: boolean;
}
interface OutputOptionsByKind {
  item: ItemOutput;
  list: ListOutput;
  stream: StreamOutput;
  view: ViewOutput;
  text: object;
  none: object;
}

type KindsOf<S extends VerbShape> = Extract<S['output'] extends readonly OutputKind[] ? S['output'][number] : S['output'], OutputKind>;
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
type OutputOptionsOf<S extends VerbShape> = UnionToIntersection<OutputOptionsByKind[KindsOf<S>]>;

type FlagValue<F> = F extends FlagSpec<infer T> ? T : never;
type WithDefault<F extends Flags> = { [K in keyof F as F[K] extends FlagSpec<unknown, true> ? K : never]-?: FlagValue<F[K]> };
type WithoutDefault<F extends Flags> = { [K in keyof F as F[K] extends FlagSpec<unknown, true> ? never : K]?: FlagValue<F[K]> };
/** The values a set of flag specs gives, e.g. flags shared by several verbs. */
export type FlagValues<F> = F extends Flags ? WithDefault<F> & WithoutDefault<F> : object;

/** The options `run` receives: its flags, typed from their parsers, plus the output flags of its kinds. */
export type OptionsOf<S extends VerbShape> = FlagValues<S['flags']> & OutputOptionsOf<S>;

type ArgValue<N extends string> = N extends `${string}...${string}` ? string[] : N extends `<${string}>` ? string : string | undefined;
type ArgValues<A> = A extends readonly [infer First, ...infer Rest]
  ? First extends ArgSpec<infer N>
    ? [ArgValue<N>, ...ArgValues<Rest>]
    : never
  : [];

/** The positional arguments `run` receives, in order. */
export type ArgsOf<S extends VerbShape> = ArgValues<S['args'] extends readonly ArgSpec[] ? S['args'] : []>;

/** What a verb file exports: typed options in, data out. It never prints. */
export type Run<S extends VerbShape> = (ctx: Context, options: OptionsOf<S>, ...args: ArgsOf<S>) => Promise<CommandResult>;

/** A verb with the module that runs it, loaded only when the verb is run. */
export interface Verb extends VerbShape {
  readonly kind: 'verb';
  readonly load: () => Promise<{ run: Run<VerbShape> }>;
}

/** A noun (or a nested group such as `configurations rules`): its verbs and groups. */
export interface Group {
  readonly kind: 'group';
  readonly name: string;
  readonly aliases?: readonly string[];
  readonly summary: string;
  readonly examples: readonly [string, ...string[]];
  readonly commands: readonly (Verb | Group)[];
}

/** Declares a verb; `const` keeps its flag and argument literals so `Run<typeof spec>` can type `run`. */
export function verb<const S extends VerbShape>(shape: S): S {
  return shape;
}

/** Joins a verb's spec to the module that runs it; the loader's `run` must match the spec. */
export function loaded<S extends VerbShape>(shape: S, load: () => Promise<{ run: Run<S> }>): Verb {
  // A run typed for S receives exactly the options and arguments S declares; the registrar builds them from S.
  return { ...shape, kind: 'verb', load: load as unknown as Verb['load'] };
}

export function group(shape: Omit<Group, 'kind' | 'commands'>, commands: readonly (Verb | Group)[]): Group {
  return { ...shape, kind: 'group', commands };
}

export function arg<const N extends string>(
  name: N,
  help: string,
  extras: Pick<ArgSpec, 'choices' | 'suggestions' | 'check'> = {},
): ArgSpec<N> {
  return { name, help, ...extras };
}

// ---- flags: each builder fixes the value type `run` sees ----

interface FlagExtras<T> {
  conflicts?: readonly string[];
  default?: T;
}

function spec<T, D extends boolean>(flags: string, help: string, extras: Partial<FlagSpec<T>>): FlagSpec<T, D> {
  return { flags, help, ...extras } as FlagSpec<T, D>;
}

/** A whole number ≥ `min`, or InvalidFlagValue naming the flag. */
export function wholeNumber(value: string, name: string, min: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min) {
    throw new InvalidFlagValue(`${name} must be a whole number of at least ${min}`);
  }
  return n;
}

const MAX_PORT = 65_535;

/** Refuses anything but a full http(s) URL, naming the flag or argument. */
export function checkHttpUrl(value: string, name: string): void {
  if (!URL.canParse(value)) throw new InvalidFlagValue(`${name} must be a full http(s) URL`);
  const { protocol } = new URL(value);
  if (protocol !== 'http:' && protocol !== 'https:') throw new InvalidFlagValue(`${name} must be an http or https URL`);
}

/** The long flag of commander syntax, e.g. `--limit` of `-l, --limit <n>`. */
export function longFlag(flags: string): string {
  return /--[\w-]+/.exec(flags)?.[0] ?? flags;
}

export const flag = {
  /**
   * A switch; with `negation`, also `--no-…` (then it is true, false, or absent). A lone `--no-…` flag
   * is true unless given, so it is always present.
   */
  bool<const F extends string>(
    flags: F,
    help: string,
    extras: { negation?: string; conflicts?: readonly string[] } = {},
  ): FlagSpec<boolean, F extends `--no-${string}` ? true : false> {
    return spec(flags, help, extras);
  },
  string(flags: string, help: string, extras: FlagExtras<string> = {}) {
    return spec<string, false>(flags, help, extras);
  },
  /** A string that must not be empty (`--profile ""` is a mistake, never "no profile"). */
  text(flags: string, help: string) {
    const name = longFlag(flags);
    return spec<string, false>(flags, help, {
      parse: (value) => {
        if (value.trim() === '') throw new InvalidFlagValue(`${name} must not be empty`);
        return value;
      },
    });
  },
  /**
   * A duration with a unit (`500ms`, `30s`, `2m`, `1h`; a bare number is seconds), within `bounds` (in ms).
   * `run` sees milliseconds, or with `in: 's'` whole seconds (a half second is refused).
   */
  duration(flags: string, help: string, bounds: DurationBounds & { in?: 'ms' | 's' } = {}) {
    const name = longFlag(flags);
    const { in: unit = 'ms', ...limits } = bounds;
    return spec<number, false>(flags, help, {
      parse: (value) => {
        const ms = parseDuration(value, name, limits);
        if (unit === 'ms') return ms;
        if (ms % 1000 !== 0) throw new InvalidFlagValue(`${name} must be whole seconds, e.g. 5s or 2m (got "${value}")`);
        return ms / 1000;
      },
    });
  },
  /** A whole number ≥ `min` (default 1). */
  int(flags: string, help: string, extras: FlagExtras<number> & { min?: number } = {}) {
    const { min = 1, ...rest } = extras;
    return spec<number, false>(flags, help, { ...rest, parse: (value) => wholeNumber(value, longFlag(flags), min) });
  },
  /** A TCP port to listen on: 0 (any free one) to 65535. */
  port(flags: string, help: string) {
    const name = longFlag(flags);
    return spec<number, false>(flags, help, {
      parse: (value) => {
        const port = wholeNumber(value, name, 0);
        if (port > MAX_PORT) throw new InvalidFlagValue(`${name} must be a port from 0 to ${MAX_PORT} (0 picks a free one)`);
        return port;
      },
    });
  },
  /** One of `values`, matched case-insensitively, given back as spelled in `values`. */
  choice<const T extends string>(flags: string, values: readonly T[], help: string, extras: FlagExtras<T> = {}) {
    const name = longFlag(flags);
    const parse = (value: string): T => {
      const match = values.find((candidate) => candidate.toLowerCase() === value.toLowerCase());
      if (!match) throw new InvalidFlagValue(`${name} must be one of ${values.join(', ')}`);
      return match;
    };
    return spec<T, false>(flags, help, { ...extras, parse, choices: values });
  },
  /** Repeatable: every occurrence is kept, in order. */
  list(flags: string, help: string, extras: FlagExtras<string[]> = {}) {
    return spec<string[], false>(flags, help, { ...extras, parse: (value, previous = []) => [...previous, value] });
  },
  /** Comma-separated, trimmed, empties dropped. */
  csv(flags: string, help: string) {
    return spec<string[], false>(flags, help, {
      parse: (value) =>
        value
          .split(',')
          .map((part) => part.trim())
          .filter(Boolean),
    });
  },
  /** A full http(s) URL, given back as typed. */
  url(flags: string, help: string) {
    const name = longFlag(flags);
    return spec<string, false>(flags, help, {
      parse: (value) => {
        checkHttpUrl(value, name);
        return value;
      },
    });
  },
  /** Any other value type: the parser throws InvalidFlagValue with a message naming the flag. */
  custom<T>(flags: string, help: string, parse: (value: string, previous: T | undefined) => T, extras: FlagExtras<T> = {}) {
    return spec<T, false>(flags, help, { ...extras, parse });
  },
  /** A flag left out of help. */
  hidden<T, D extends boolean>(base: FlagSpec<T, D>): FlagSpec<T, D> {
    return { ...base, hidden: true };
  },
  /** A flag the command cannot run without: commander refuses the command line when it is missing. */
  required<T>(base: FlagSpec<T, false>): FlagSpec<T, true> {
    return { ...base, required: true } as FlagSpec<T, true>;
  },
  /** Marks a flag as always present: its default applies when it is not given. */
  withDefault<T>(base: FlagSpec<T, false>, value: T): FlagSpec<T, true> {
    return { ...base, default: value } as FlagSpec<T, true>;
  },
};
