import { InvalidArgumentError, Option, type Command } from 'commander';
import { examples, httpUrl, nonNegativeInt, oneOf, withOutput, type Runner } from '../define.js';

function urlPath(value: string): string {
  if (!/^\/[^\s?#]*$/.test(value)) throw new InvalidArgumentError('--path must start with / and hold no spaces, ? or #');
  return value;
}

/** Flags of a server that receives Twilio's signed requests (`ci webhook listen`, `ci serve`). */
export function signedServerFlags(command: Command): Command {
  return command
    .option('--port <n>', 'port (0 picks a free one)', nonNegativeInt('--port'), 0)
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option(
      '--public-url <url>',
      'the URL Twilio calls, e.g. your tunnel (https://abc.ngrok.app): signatures are checked against it (the safe setting; without it the Host header decides)',
      httpUrl('--public-url'),
    )
    .option(
      '--auth-token-stdin',
      "read the auth token that signs the requests from stdin (default: the credentials', else TWILIO_AUTH_TOKEN)",
    )
    .option('--auth-token <token>', 'the same as an argument, which other users can see in ps: prefer --auth-token-stdin');
}

/** What to do with each verified transcript event. */
export function receiverFlags(command: Command): Command {
  return command
    .option('--fetch-results', "fetch and print each transcript's operator results (as `ci results` shows them)")
    .option(
      '--exec <command>',
      'run this command for every event, with TRANSCRIPT_SID, CUSTOMER_KEY, SERVICE_SID, EVENT_TYPE in its environment',
    )
    .option(
      '--forward-to <url>',
      'forward each verified request, headers and body as received, and print the status',
      httpUrl('--forward-to'),
    )
    .option('--once', 'exit after the first verified event');
}

export function registerWebhook(program: Command, act: Runner): void {
  const webhook = program.command('webhook');

  examples(
    receiverFlags(
      signedServerFlags(
        webhook
          .command('listen')
          .description('receive signed transcript events and print one line each (NDJSON when piped)')
          .option('--path <path>', 'path to receive on', urlPath, '/ci-webhook'),
      ),
    )
      .option('--no-verify', 'accept requests without checking X-Twilio-Signature (prints a warning)')
      .option('--json', 'print events as JSON lines'),
    'ci webhook listen --port 4040',
    'ci webhook listen --public-url https://abc.ngrok.app --exec ./on-transcript.sh',
    'ci webhook listen --once --json | jq -r "select(.event == \\"webhook\\") | .transcriptSid"',
  ).action(act(() => import('./listen.js')));

  examples(
    withOutput(
      webhook
        .command('set')
        .description("point a service's webhook at a URL")
        .argument('<service>', 'SID (GA…) or unique name')
        .argument('<url>', 'the URL to notify when a transcript is available', httpUrl('<url>'))
        .addOption(
          new Option('--method <method>', 'HTTP method of the webhook')
            .argParser(oneOf('--method', ['GET', 'POST'] as const))
            .default('POST'),
        ),
    ),
    'ci webhook set test-ci https://abc.ngrok.app/ci-webhook',
    'ci webhook set GA0123456789abcdef0123456789abcdef https://example.com/hook --method GET',
  ).action(act(() => import('./set.js')));
}
