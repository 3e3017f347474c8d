import { describe, expect, it } from 'vitest';
import { v3ApiCallCheck } from '../../src/lib/doctor.js';

describe('ci doctor: v3', () => {
  it('passes with the time of the v3 call, and fails with a fix that says classic does not need v3', () => {
    expect(v3ApiCallCheck({ ms: 12 })).toEqual({
      name: 'v3 API call',
      ok: true,
      detail: 'GET /v3/ControlPlane/Operators answered in 12 ms',
    });
    const failed = v3ApiCallCheck({ error: 'The requested resource /v3/ControlPlane/Operators was not found (Twilio error 20404)' });
    expect(failed.ok).toBe(false);
    expect(failed.fix).toContain('classic (v2) commands do not need it');
  });
});
