import { Option, type Command } from 'commander';
import { examples, httpUrl, oneOf, positiveInt, withOutput, type Runner } from '../define.js';

const WEBHOOK_METHODS = ['GET', 'POST'] as const;

/** The Service fields as flags, shared by create and update. */
function serviceFlags(command: Command): Command {
  return command
    .option('--friendly-name <name>', 'a human-readable name')
    .option('--language-code <code>', 'language of the recordings, e.g. en-US (cannot change after create)')
    .option('--auto-transcribe', 'transcribe every recording of the account automatically')
    .option('--no-auto-transcribe', 'do not transcribe automatically')
    .option('--auto-redaction', 'redact PII in transcripts')
    .option('--no-auto-redaction', 'do not redact PII')
    .option('--media-redaction', 'redact PII in media too (needs --auto-redaction)')
    .option('--no-media-redaction', 'do not redact media')
    .option('--data-logging', 'allow Twilio to use data to improve its models')
    .option('--no-data-logging', 'disallow data logging')
    .option('--webhook-url <url>', 'URL to notify when a transcript is available', httpUrl('--webhook-url'))
    .addOption(new Option('--webhook-method <method>', 'HTTP method of the webhook').argParser(oneOf('--webhook-method', WEBHOOK_METHODS)))
    .option('--encryption-credential-sid <CR…>', 'public-key credential for encrypting results');
}

export function registerServices(program: Command, act: Runner): void {
  const services = program.command('services');

  examples(
    withOutput(
      serviceFlags(
        services
          .command('create')
          .description('create a service')
          .option('--unique-name <name>', 'unique name (asked on a terminal when missing)'),
      ),
    ),
    'ci services create --unique-name test-ci --language-code en-US --webhook-url https://example.com/ci-webhook',
    'ci services create --unique-name test-ci --json',
  ).action(act(() => import('./create.js')));

  examples(
    withOutput(
      services.command('list').alias('ls').description('list services').option('--limit <n>', 'at most this many', positiveInt('--limit')),
      {
        list: true,
      },
    ),
    'ci services list',
    'ci services list --json | jq -r ".[].sid"',
  ).action(act(() => import('./list.js')));

  examples(
    withOutput(services.command('show').alias('view').description('show a service').argument('<service>', 'SID (GA…) or unique name')),
    'ci services show test-ci',
    'ci services show GA0123456789abcdef0123456789abcdef --json',
  ).action(act(() => import('./show.js')));

  examples(
    withOutput(
      serviceFlags(
        services
          .command('update')
          .description('change a service')
          .argument('<service>', 'SID (GA…) or unique name')
          .option('--unique-name <name>', 'new unique name'),
      ),
    ),
    'ci services update test-ci --webhook-url https://example.com/ci-webhook --webhook-method POST',
    'ci services update test-ci --auto-redaction --media-redaction',
  ).action(act(() => import('./update.js')));

  examples(
    services
      .command('delete')
      .alias('rm')
      .description('delete a service')
      .argument('<service>', 'SID (GA…) or unique name')
      .option('-y, --yes', 'do not ask for confirmation'),
    'ci services delete test-ci --yes',
  ).action(act(() => import('./delete.js')));
}
