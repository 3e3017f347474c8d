import type { Logger } from '../../lib/context.js';
import type { AttachmentReport } from '../../lib/operators.js';

/** Attach and detach are idempotent: an operator left as it was is said on stderr, and the exit stays 0. */
export function noteUnchanged(log: Logger, report: AttachmentReport, service: string): void {
  for (const { change, friendlyName, operatorSid } of report.changes) {
    if (change === 'already attached' || change === 'not attached')
      log.note(`"${friendlyName}" (${operatorSid}) is ${change} to ${service}`);
  }
}
