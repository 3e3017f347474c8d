// --seed-transcripts N: a service holding N completed transcripts, for list and paging benchmarks.
// They have no analysis record: content routes read a missing one as empty (no sentences, no results).
import { servicesIn, type ServiceRecord } from '../services/record.js';
import { newSid } from '../sid.js';
import type { Store } from '../store.js';
import { isoNow, transcriptsIn } from './records.js';

export const SEED_SERVICE_NAME = 'seeded-transcripts';

export function seedTranscripts(store: Store, accountSid: string, count: number): void {
  const now = isoNow();
  const service: ServiceRecord = {
    sid: newSid('GA'),
    account_sid: accountSid,
    unique_name: SEED_SERVICE_NAME,
    friendly_name: `${count} seeded transcripts`,
    language_code: 'en-US',
    auto_transcribe: false,
    data_logging: false,
    auto_redaction: false,
    media_redaction: false,
    webhook_url: null,
    webhook_http_method: 'POST',
    encryption_credential_sid: null,
    read_only_attached_operator_sids: [],
    version: 1,
    date_created: now,
    date_updated: now,
  };
  servicesIn(store).insert(service);
  for (let index = 0; index < count; index++) {
    const sid = newSid('GT');
    transcriptsIn(store).insert({
      account_sid: accountSid,
      service_sid: service.sid,
      sid,
      date_created: now,
      date_updated: now,
      status: 'completed',
      // Seeded transcripts read no recording, so they never block a real one (one transcript per recording).
      channel: { media_properties: { media_url: `https://example.com/seeded/${index}.json` }, participants: [] },
      data_logging: false,
      language_code: 'en-US',
      customer_key: `seeded-${index}`,
      media_start_time: null,
      duration: 60,
      redaction: false,
      encryption_credential_sid: null,
    });
  }
}
