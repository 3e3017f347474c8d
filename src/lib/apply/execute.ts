// Runs a plan step by step through the services and operators library, stopping at the first
// failure with a report of what was applied and what was not (re-running the apply completes it).
import type { Twilio } from 'twilio';
import { explainConflict } from '../conflict.js';
import { DEFAULT_WAIT, type WaitOptions } from '../conversations-operations.js';
import { CliError, toCliError } from '../errors.js';
import {
  attachOperators,
  createGenerativeOperator,
  deleteCustomOperator,
  detachOperators,
  updateGenerativeOperator,
} from '../operators.js';
import { createService, deleteService, updateService } from '../services.js';
import { isV3Step, type Step } from './plan.js';
import { runV3Step, type V3Created } from './v3-execute.js';
import type { V3Step } from './v3-plan.js';

export interface StepOutcome {
  step: Step;
  /** The SID created or changed. */
  sid?: string;
}

export interface ApplyReport {
  applied: StepOutcome[];
  failed?: { step: Step; error: CliError };
  notApplied: Step[];
}

/** A service changed since the plan was made: say so, never overwrite (operators do the same in their library). */
function serviceConflict(step: Extract<Step, { kind: 'service'; action: 'update' }>, error: unknown): unknown {
  return explainConflict(
    error,
    `service "${step.name}" (${step.sid})`,
    step.version,
    'run `ci diff` to see the account as it is now, then apply again',
  );
}

interface Created {
  operators: Map<string, string>;
  services: Map<string, string>;
  v3: V3Created;
}

async function runStep(client: Twilio, step: Step, sids: Created, wait: WaitOptions): Promise<string | undefined> {
  if (isV3Step(step)) return runV3Step(client, step, sids.v3, wait);
  return runClassicStep(client, step, sids);
}

async function runClassicStep(client: Twilio, step: Exclude<Step, V3Step>, sids: Created): Promise<string | undefined> {
  const serviceSid = (name: string) => sids.services.get(name) ?? name;
  switch (step.action) {
    case 'create':
      if (step.kind === 'operator') {
        const created = await createGenerativeOperator(client, step.definition);
        sids.operators.set(step.name.toLowerCase(), created.sid as string);
        return created.sid as string;
      } else {
        const created = await createService(client, step.fields);
        sids.services.set(step.name, created.sid as string);
        return created.sid as string;
      }
    case 'update':
      if (step.kind === 'operator') {
        const { friendlyName, prompt, schema, examples } = step.definition;
        await updateGenerativeOperator(client, step.sid, {
          friendlyName,
          parts: { prompt, schema, examples, problems: [] },
          ifMatch: step.version,
        });
      } else {
        await updateService(client, step.sid, step.fields, String(step.version)).catch((error: unknown) => {
          throw serviceConflict(step, error);
        });
      }
      return step.sid;
    case 'attach':
    case 'detach': {
      const operatorSid = step.operatorSid ?? sids.operators.get(step.operator.toLowerCase()) ?? step.operator;
      const change = step.action === 'attach' ? attachOperators : detachOperators;
      await change(client, serviceSid(step.service), [operatorSid]);
      return operatorSid;
    }
    case 'delete':
      if (step.kind === 'service') await deleteService(client, step.sid);
      else await deleteCustomOperator(client, step.sid);
      return step.sid;
  }
}

/** Runs the steps in order; `signal` stops the waits for asynchronous operations (conversation configurations). */
export async function applyPlan(client: Twilio, steps: Step[], signal?: AbortSignal): Promise<ApplyReport> {
  const sids: Created = { operators: new Map(), services: new Map(), v3: { operators: new Map(), configurations: new Map() } };
  const wait: WaitOptions = { ...DEFAULT_WAIT, ...(signal ? { signal } : {}) };
  const applied: StepOutcome[] = [];
  for (const [index, step] of steps.entries()) {
    try {
      applied.push({ step, sid: await runStep(client, step, sids, wait) });
    } catch (error) {
      return { applied, failed: { step, error: toCliError(error) }, notApplied: steps.slice(index + 1) };
    }
  }
  return { applied, notApplied: [] };
}
