// Twilio's Recording resource (api.v2010), served from the emulator's recordings catalogue so the
// CLI can look up a recording's CallSid exactly as the seed's Function does.
import { notFound } from '../errors.js';
import type { RequestContext, Route } from '../router.js';
import { durationOf } from '../transcripts/recordings.js';

export const recordingRoutes: Route[] = [
  // The SDK asks for /Recordings/RE….json: the ".json" is part of the last segment.
  { method: 'GET', pattern: '/2010-04-01/Accounts/{AccountSid}/Recordings/{File}', handler: fetchRecording },
];

function fetchRecording(context: RequestContext) {
  const { AccountSid: accountSid, File: file = '' } = context.params;
  const sid = file.replace(/\.json$/, '');
  const recording = accountSid === context.accountSid && file.endsWith('.json') ? context.transcriber.catalogue.get(sid) : undefined;
  if (!recording) throw notFound(`/2010-04-01/Accounts/${accountSid}/Recordings/${file}`);
  const uri = `/2010-04-01/Accounts/${accountSid}/Recordings/${sid}.json`;
  // Fixed dates: a catalogue recording always existed. v2010 writes RFC 2822 dates.
  const date = 'Wed, 10 Dec 2025 10:15:44 +0000';
  return {
    status: 200,
    body: {
      account_sid: accountSid,
      api_version: '2010-04-01',
      call_sid: recording.call_sid,
      conference_sid: null,
      date_created: date,
      date_updated: date,
      start_time: date,
      duration: String(durationOf(recording.utterances)),
      sid,
      price: null,
      price_unit: 'USD',
      status: 'completed',
      channels: 2,
      source: 'RecordVerb',
      error_code: null,
      uri,
      encryption_details: null,
      subresource_uris: {
        add_on_results: uri.replace('.json', '/AddOnResults.json'),
        transcriptions: uri.replace('.json', '/Transcriptions.json'),
      },
      media_url: `${context.origin}${uri.replace('.json', '')}`,
    },
  };
}
