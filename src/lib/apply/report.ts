// How a plan and an apply read: one JSON shape for scripts, and lines for people.
import { sanitize } from '../output/sanitize.js';
import type { Style } from '../output/types.js';
import type { ApplyReport } from './execute.js';
import { lineDiff, type DiffLine } from './line-diff.js';
import type { FieldChange } from './field-change.js';
import { canonical, isV3Step, type Step } from './plan.js';

const MAX_VALUE = 72;
/** Unchanged lines shown around each changed one in a line diff. */
const DIFF_CONTEXT = 3;

/** The plan as --json prints it: no internal request bodies, only what changes. */
export function stepJson(step: Step): Record<string, unknown> {
  const base: Record<string, unknown> = { action: step.action, kind: step.kind, name: step.name };
  if ('sid' in step) base.sid = step.sid;
  if ('id' in step) base.id = step.id;
  if ('version' in step) base.version = step.version;
  if (step.kind === 'attachment')
    Object.assign(base, { service: step.service, operator: step.operator, operatorSid: step.operatorSid ?? null });
  if ('changes' in step) base.changes = step.changes;
  return base;
}

export function planJson(steps: Step[]): Record<string, unknown> {
  return { changes: steps.length, steps: steps.map(stepJson) };
}

function short(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value ?? null);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}

/** A value as lines of text: a string as it is, anything else as indented JSON with sorted keys. */
function textOf(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(JSON.parse(canonical(value)), null, 2);
}

/** Two values worth a line diff: both there, and one of them long or on several lines. */
function wantsLineDiff(from: unknown, to: unknown): boolean {
  if (from === null || from === undefined || to === null || to === undefined) return false;
  return [textOf(from), textOf(to)].some((text) => text.includes('\n') || text.length > MAX_VALUE);
}

function diffLineText(line: DiffLine, style: Style): string {
  const indent = '      ';
  switch (line.kind) {
    case 'skipped':
      return style.dim(`${indent}  … ${line.count} unchanged line${line.count === 1 ? '' : 's'}`);
    case 'same':
      return `${indent}  ${sanitize(line.text)}`;
    case 'removed':
      return style.red(`${indent}- ${sanitize(line.text)}`);
    case 'added':
      return style.green(`${indent}+ ${sanitize(line.text)}`);
  }
}

function changeLines(change: FieldChange, creating: boolean, style: Style): string[] {
  if (creating) return [`    ${change.field}: ${short(change.to)}`];
  if (wantsLineDiff(change.from, change.to)) {
    const lines = lineDiff(textOf(change.from), textOf(change.to), DIFF_CONTEXT);
    return [`    ${change.field}:`, ...lines.map((line) => diffLineText(line, style))];
  }
  return [`    ${change.field}: ${style.red(short(change.from))} → ${style.green(short(change.to))}`];
}

const KIND_WORDS: Record<Step['kind'], string> = {
  operator: 'operator',
  service: 'service',
  attachment: 'attachment',
  'v3-operator': 'v3 operator',
  configuration: 'configuration',
  'conversation-configuration': 'conversation configuration',
};

/** The SID (classic) or ID (v3) a step names. */
const idOf = (step: Step & ({ sid: string } | { id: string })) => ('sid' in step ? step.sid : step.id);

/** What a step does, in words: "update operator x (LY…, version 2)". */
function describe(step: Step): string {
  const kind = KIND_WORDS[step.kind];
  switch (step.action) {
    case 'create':
      return `create ${kind} ${step.name}`;
    case 'update':
      return `update ${kind} ${step.name} (${idOf(step)}, version ${step.version})`;
    case 'attach':
      return `attach ${step.operator} to service ${step.service}`;
    case 'detach':
      return `detach ${step.operator} from service ${step.service}`;
    case 'delete':
      return `delete ${kind} ${step.name} (${idOf(step)})`;
  }
}

function headline(step: Step, style: Style): string {
  if (step.action === 'update') return style.yellow(`~ ${describe(step)}`);
  return step.action === 'create' || step.action === 'attach' ? style.green(`+ ${describe(step)}`) : style.red(`- ${describe(step)}`);
}

export function stepText(step: Step, style: Style): string {
  const changes = 'changes' in step ? step.changes.flatMap((change) => changeLines(change, step.action === 'create', style)) : [];
  return [headline(step, style), ...changes].join('\n');
}

export function summary(steps: Step[]): string {
  const counts = new Map<string, number>();
  for (const step of steps) counts.set(step.action, (counts.get(step.action) ?? 0) + 1);
  return [...counts].map(([action, count]) => `${count} to ${action}`).join(', ');
}

export function planText(file: string, steps: Step[], style: Style): string {
  if (!steps.length) return `No changes: the account matches ${file}.`;
  return [`Plan for ${file}: ${summary(steps)}`, ...steps.map((step) => stepText(step, style))].join('\n');
}

export function reportJson(report: ApplyReport): Record<string, unknown> {
  return {
    applied: report.applied.map(({ step, sid }) => ({ ...stepJson(step), [isV3Step(step) ? 'id' : 'sid']: sid ?? null })),
    failed: report.failed ? { ...stepJson(report.failed.step), error: report.failed.error.message } : null,
    notApplied: report.notApplied.map(stepJson),
  };
}

export function reportText(file: string, report: ApplyReport, style: Style): string {
  if (!report.applied.length && !report.failed) return `No changes: the account matches ${file}.`;
  const done = (step: Step, sid: string | undefined) => (step.action === 'create' ? `${describe(step)} (${sid})` : describe(step));
  const lines = report.applied.map(({ step, sid }) => `${style.green('✓')} ${done(step, sid)}`);
  if (report.failed) {
    lines.push(`${style.red('✗')} ${describe(report.failed.step)}: ${report.failed.error.message}`);
    lines.push(...report.notApplied.map((step) => `${style.dim('·')} not applied: ${describe(step)}`));
  }
  return lines.join('\n');
}
