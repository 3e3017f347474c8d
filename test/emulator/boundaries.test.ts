// The emulator is a component of its own: one public entry, and no import cycles inside it.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const EMULATOR = join(ROOT, 'src/emulator');
const ENTRY = join(EMULATOR, 'index.ts');

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|mjs)$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Relative imports of a file (static, type-only and dynamic), resolved to .ts source paths. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:from\s+|import\s*\(\s*)'(\.[^']+)'/g)].map((match) => match[1] ?? '');
  return specifiers.map((specifier) =>
    resolve(dirname(file), specifier).replace(/\.js$/, '.ts').replace(join(ROOT, 'dist/emulator'), EMULATOR),
  );
}

describe('the emulator as a component', () => {
  it('is imported from outside only through src/emulator/index.ts', () => {
    const outside = ['src', 'test', 'bench', 'scripts'].flatMap((folder) => sourceFiles(join(ROOT, folder)));
    const offenders = outside
      .filter((file) => !file.startsWith(`${EMULATOR}/`))
      .flatMap((file) =>
        importsOf(file)
          .filter((target) => target.startsWith(`${EMULATOR}/`) && target !== ENTRY)
          .map((target) => `${relative(ROOT, file)} → ${relative(ROOT, target)}`),
      );
    expect(offenders).toEqual([]);
  });

  it('has no import cycles (type-only imports included)', () => {
    const files = sourceFiles(EMULATOR);
    const graph = new Map(files.map((file) => [file, importsOf(file).filter((target) => target.startsWith(`${EMULATOR}/`))]));
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (file: string, path: string[]): void => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        cycles.push([...path.slice(path.indexOf(file)), file].map((step) => relative(EMULATOR, step)).join(' → '));
        return;
      }
      state.set(file, 'open');
      for (const target of graph.get(file) ?? []) visit(target, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of files) visit(file, []);
    expect(cycles).toEqual([]);
  });
});
