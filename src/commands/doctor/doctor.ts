import type { Context } from '../../lib/context.js';
import type { Credentials } from '../../lib/credentials.js';
import {
  apiCallCheck,
  clockCheck,
  configFileCheck,
  credentialsCheck,
  endpointCheck,
  endpointOf,
  nodeCheck,
  probe,
  proxyCheck,
  regionEdgeCheck,
  v3ApiCallCheck,
  type CallOutcome,
  type Check,
  type ProbeResult,
} from '../../lib/doctor.js';
import { messageOf } from '../../lib/thrown.js';
import type { Twilio } from 'twilio';
import { CliError, errorText, ExitCode, toCliError } from '../../lib/errors.js';
import type { Style } from '../../lib/output/types.js';
import type { Run } from '../spec.js';
import type { doctorSpec } from './specs.js';

/** The endpoint probed through ci's own transport, as every request would go (proxies, TWILIO_CA_BUNDLE). */
async function reach(ctx: Context, base: string): Promise<ProbeResult> {
  try {
    const { createTransport } = await import('../../lib/client.js');
    return await probe(base, createTransport(ctx.env));
  } catch (error) {
    return { ms: 0, error: messageOf(error) }; // an unreadable TWILIO_CA_BUNDLE
  }
}

/** Times one authenticated request, without retries: doctor reports what happens now. */
async function authenticatedCall(ctx: Context, credentials: Credentials, call: (client: Twilio) => Promise<unknown>): Promise<CallOutcome> {
  const started = Date.now();
  try {
    const { createTwilioClient } = await import('../../lib/client.js');
    const client = await createTwilioClient(
      { ...credentials, maxRetries: 0 },
      { env: ctx.env, signal: ctx.signal, allowInsecureHttp: ctx.globals.allowInsecureHttp },
    );
    await call(client);
    return { ms: Date.now() - started };
  } catch (error) {
    const cliError = toCliError(error);
    return { error: errorText(cliError), hint: cliError.hint };
  }
}

export const run: Run<typeof doctorSpec> = async (ctx) => {
  const { inspectConfigFile } = await import('../../lib/config.js');
  const checks: Check[] = [nodeCheck(), configFileCheck(inspectConfigFile(ctx.env))];

  let credentials: Credentials | undefined;
  try {
    credentials = await ctx.credentials();
    checks.push(credentialsCheck(credentials));
  } catch (error) {
    const cliError = toCliError(error);
    checks.push(credentialsCheck({ error: cliError.message, hint: cliError.hint }));
  }
  const apiUrl = credentials?.apiUrl ?? ctx.globals.apiUrl ?? ctx.env.TWILIO_CI_API_URL;
  const region = credentials?.region ?? ctx.globals.region ?? ctx.env.TWILIO_REGION;
  const edge = credentials?.edge ?? ctx.globals.edge ?? ctx.env.TWILIO_EDGE;
  const base = endpointOf(apiUrl, region, edge);
  const proxies = proxyCheck(ctx.env, base);
  checks.push(regionEdgeCheck(region, edge, apiUrl), proxies);

  const sentAt = ctx.now();
  const reached = proxies.ok ? await reach(ctx, base) : { ms: 0, error: 'not tried: the proxy variables are wrong' };
  checks.push(endpointCheck(base, reached, Boolean(apiUrl)));
  if (!reached.error) checks.push(clockCheck(reached.serverDate, sentAt, ctx.now()));
  if (credentials) {
    checks.push(apiCallCheck(await authenticatedCall(ctx, credentials, (client) => client.intelligence.v2.services.page({ pageSize: 1 }))));
    checks.push(
      v3ApiCallCheck(await authenticatedCall(ctx, credentials, (client) => client.intelligence.v3.operators.page({ pageSize: 1 }))),
    );
  }

  const failed = checks.filter((check) => !check.ok);
  return {
    kind: 'view',
    json: { ok: failed.length === 0, checks },
    human: (style) => humanChecklist(checks, style),
    failure: failed.length
      ? new CliError(
          `${failed.length} of ${checks.length} checks failed: ${failed.map((check) => check.name).join(', ')}`,
          ExitCode.failure,
        )
      : undefined,
  };
};

function humanChecklist(checks: Check[], style: Style): string {
  return checks
    .map((check) => {
      const mark = check.ok ? style.green('✓') : style.red('✗');
      const line = `${mark} ${style.bold(check.name)}: ${check.detail}`;
      return check.fix ? `${line}\n    fix: ${check.fix}` : line;
    })
    .join('\n');
}
