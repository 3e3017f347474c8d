// Issue 10 §5 in the library: which variables a configuration file may expand, and the service
// rules the plan checks against the account in the file's own terms.
import { describe, expect, it } from 'vitest';
import { secretReason } from '../../src/lib/apply/env.js';
import { computePlan } from '../../src/lib/apply/plan.js';
import type { CurrentState } from '../../src/lib/apply/state.js';

describe('secretReason', () => {
  it('refuses the credentials ci uses and names that say secret', () => {
    for (const name of ['TWILIO_AUTH_TOKEN', 'TWILIO_API_SECRET', 'TWILIO_API_KEY'])
      expect(secretReason(name)).toBe('holds the credentials ci uses');
    for (const name of ['GITHUB_TOKEN', 'db_password', 'HOOK_SECRET', 'STRIPE_APIKEY', 'AWS_KEY', 'BASIC_AUTH', 'MYAPITOKEN'])
      expect(secretReason(name), name).toBe('is named like a secret');
  });

  it('allows ordinary names, also ones that merely contain "key"', () => {
    for (const name of ['CI_WEBHOOK_URL', 'HOME', 'MONKEY_NAME', 'KEYBOARD', 'AUTHOR']) expect(secretReason(name), name).toBeUndefined();
  });
});

describe('media redaction needs auto redaction, with the account filling in what the file leaves out', () => {
  const current = (autoRedaction: boolean, mediaRedaction: boolean): CurrentState => ({
    services: [{ sid: `GA${'b'.repeat(32)}`, uniqueName: 'svc', autoRedaction, mediaRedaction, version: 1 }],
    catalogue: [],
    customSids: new Set(),
    attachments: new Map(),
  });
  const desired = (fields: Record<string, boolean>) => ({
    services: [
      {
        uniqueName: 'svc',
        fields: { uniqueName: 'svc', ...fields },
        places: { mediaRedaction: 'f.yaml:4:5', autoRedaction: 'f.yaml:3:5' },
      },
    ],
    operators: [],
    sections: { services: true, operators: false },
  });

  it('refuses turning media redaction on where auto redaction is off, naming the place', () => {
    expect(() => computePlan(desired({ mediaRedaction: true }), current(false, false))).toThrow(
      'service "svc": mediaRedaction needs autoRedaction (f.yaml:4:5); autoRedaction is off in the account',
    );
    expect(() => computePlan(desired({ autoRedaction: false }), current(true, true))).toThrow(
      /mediaRedaction needs autoRedaction \(f\.yaml:3:5\); mediaRedaction is on in the account/,
    );
  });

  it('plans it where auto redaction is on, or turned on with it', () => {
    expect(computePlan(desired({ mediaRedaction: true }), current(true, false))).toHaveLength(1);
    expect(computePlan(desired({ mediaRedaction: true, autoRedaction: true }), current(false, false))).toHaveLength(1);
  });
});
