#!/usr/bin/env node
// Code-health numbers for src/**/*.ts (the closing note of issue #12 reports them): the longest
// functions by lines, and how many `any` types, `as` casts (not `as const`) and non-null assertions
// there are. Usage: node scripts/long-functions.mjs [how many functions, default 10] [--casts]
// (--casts also lists every `as` cast and non-null assertion, file:line and the type, to review them).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const listCasts = process.argv.includes('--casts');
const count = Number(process.argv.slice(2).find((argument) => argument !== '--casts') ?? 10);

function sourceFiles(directory) {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

const isFunction = (node) =>
  ts.isFunctionDeclaration(node) ||
  ts.isMethodDeclaration(node) ||
  ts.isArrowFunction(node) ||
  ts.isFunctionExpression(node) ||
  ts.isAccessor(node) ||
  ts.isConstructorDeclaration(node);

/** A function's own name, or the name of what it is assigned to. */
function nameOf(node, file) {
  if (node.name) return node.name.getText(file);
  const { parent } = node;
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent)) return parent.name.getText(file);
  return '(anonymous)';
}

const totals = { any: 0, casts: 0, nonNull: 0 };
const casts = [];
const functions = [];
for (const path of sourceFiles(join(root, 'src'))) {
  const file = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.ES2022, true);
  const lineOf = (position) => file.getLineAndCharacterOfPosition(position).line + 1;
  const visit = (node) => {
    if (node.kind === ts.SyntaxKind.AnyKeyword) totals.any++;
    const at = () => `${relative(root, path)}:${lineOf(node.getStart(file))}`;
    if (ts.isAsExpression(node) && node.type.getText(file) !== 'const') {
      totals.casts++;
      casts.push(`${at()}  as ${node.type.getText(file).replace(/\s+/g, ' ')}`);
    }
    if (ts.isNonNullExpression(node)) {
      totals.nonNull++;
      casts.push(`${at()}  !`);
    }
    if (isFunction(node)) {
      const start = lineOf(node.getStart(file));
      functions.push({ lines: lineOf(node.getEnd()) - start + 1, at: `${relative(root, path)}:${start}`, name: nameOf(node, file) });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
}

functions.sort((a, b) => b.lines - a.lines);
for (const { lines, at, name } of functions.slice(0, count)) console.log(`${String(lines).padStart(4)}  ${name}  ${at}`);
if (listCasts) for (const cast of casts) console.log(cast);
console.log(`any: ${totals.any}  as casts: ${totals.casts}  non-null assertions: ${totals.nonNull}`);
