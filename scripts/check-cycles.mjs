#!/usr/bin/env node
// Prints every import cycle among src/**/*.ts and exits 1 if there is one. Every kind of import
// counts: static, `import type`, `export … from` and dynamic `import()` (a lazy loader still ties
// the modules together). Only relative specifiers are followed; packages cannot close a cycle.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');

function sourceFiles(directory) {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The .ts file a relative specifier names ('./x.js' is written for './x.ts' under NodeNext). */
function resolveSpecifier(from, specifier) {
  if (!specifier.startsWith('.')) return undefined;
  const target = resolve(dirname(from), specifier);
  const candidates = [target.replace(/\.js$/, '.ts'), target, `${target}.ts`, join(target, 'index.ts')];
  return candidates.find((candidate) => candidate.endsWith('.ts') && existsSync(candidate));
}

function importGraph(files) {
  const graph = new Map();
  for (const file of files) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets = importedFiles.map(({ fileName }) => resolveSpecifier(file, fileName)).filter(Boolean);
    graph.set(file, [...new Set(targets)].sort());
  }
  return graph;
}

/** Every elementary cycle, each once, starting at its smallest file (Johnson's idea, without the blocking lists). */
function elementaryCycles(graph) {
  const order = [...graph.keys()].sort();
  const rank = new Map(order.map((file, index) => [file, index]));
  const cycles = [];
  for (const start of order) {
    const path = [start];
    const onPath = new Set(path);
    const walk = (node) => {
      for (const next of graph.get(node) ?? []) {
        if (next === start) cycles.push([...path, start]);
        else if (rank.get(next) > rank.get(start) && !onPath.has(next)) {
          path.push(next);
          onPath.add(next);
          walk(next);
          onPath.delete(next);
          path.pop();
        }
      }
    };
    walk(start);
  }
  return cycles;
}

const cycles = elementaryCycles(importGraph(sourceFiles(src)));
for (const cycle of cycles) console.log(cycle.map((file) => relative(root, file)).join(' → '));
if (cycles.length > 0) {
  console.error(`${cycles.length} import cycle${cycles.length === 1 ? '' : 's'} among src/**/*.ts`);
  process.exit(1);
}
console.log('no import cycles among src/**/*.ts');
