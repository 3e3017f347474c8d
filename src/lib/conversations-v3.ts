// Intelligence v3 Conversations (GET /v3/Conversations[/{id}]) over the SDK: filters checked before any
// request, token paging streamed, and a conversation's communications as a chat transcript. No IO.
import type { Twilio } from 'twilio';
import { UsageError } from './errors.js';
import { toPlain } from './output/format.js';
import { sanitize } from './output/sanitize.js';
import { displayWidth, padEnd, wrap } from './output/text.js';
import type { Row, Style } from './output/types.js';
import type { Channel, ConversationStatus } from './v3/conversation-names.js';

/** The spec's limit on createdAtAfter … createdAtBefore. */
export const MAX_RANGE_DAYS = 31;
const DAY_MS = 24 * 60 * 60 * 1000;
const CONVERSATION_ID = /^conv_conversation_[0-7][0-9a-z]{25}$/;

export interface ConversationFilters {
  createdAtAfter?: Date;
  createdAtBefore?: Date;
  status?: ConversationStatus;
  channelId?: string;
  channels?: Channel[];
  conversationConfigurationId?: string;
  intelligenceConfigurationIds?: string[];
  operatorIds?: string[];
}

/** The API refuses (400) a created-at range longer than 31 days or backwards: said before the request, naming the flags. */
export function assertDateRange(after: Date | undefined, before: Date | undefined, flags: { after: string; before: string }): void {
  if (!after || !before) return;
  if (after > before) throw new UsageError(`${flags.after} is later than ${flags.before}`);
  if (before.getTime() - after.getTime() > MAX_RANGE_DAYS * DAY_MS) {
    throw new UsageError(`${flags.after} … ${flags.before} spans more than ${MAX_RANGE_DAYS} days, the API's limit`, {
      hint: 'list in windows of at most 31 days',
    });
  }
}

export function assertConversationId(id: string): void {
  if (!CONVERSATION_ID.test(id)) {
    throw new UsageError(`"${id}" is not a v3 conversation ID (conv_conversation_ and 26 characters)`, {
      hint: 'see `ci conversations list`',
    });
  }
}

/** What the SDK's TokenPage gives: the items, and the next page while there is one. */
interface TokenPageLike {
  instances: readonly object[];
  nextPage(): Promise<TokenPageLike> | undefined;
}

/** Conversations matching `filters`, page by page as they arrive, at most `limit`. */
export async function* listConversations(
  client: Twilio,
  filters: ConversationFilters,
  limit: number,
  maxPageSize = 1000,
): AsyncGenerator<Row> {
  if (limit <= 0) return;
  const pageSize = Math.min(maxPageSize, Math.max(1, Number.isFinite(limit) ? limit : maxPageSize));
  let page: TokenPageLike | undefined = await client.intelligence.v3.conversations.page({
    ...filters,
    pageSize,
  });
  let left = limit;
  while (page) {
    for (const conversation of page.instances) {
      yield toPlain<Row>(conversation);
      if (--left <= 0) return;
    }
    page = await page.nextPage();
  }
}

export interface Conversation {
  id: string;
  name?: string | null;
  status?: string;
  createdAt?: string;
  channels?: string[];
  participants?: { id: string; name?: string | null; type?: string | null; addressValues?: string[] }[];
  communications?: { id: string; participantId: string; content?: { text?: string }; createdAt?: string }[];
  operatorResultIds?: string[];
  [key: string]: unknown;
}

export async function fetchConversation(client: Twilio, id: string): Promise<Conversation> {
  assertConversationId(id);
  return toPlain<Conversation>(await client.intelligence.v3.conversations(id).fetch());
}

/** `HH:MM:SS` of an ISO time, and its day, in UTC (the API's times are UTC). */
function clock(iso: string | undefined): { day: string; time: string } {
  const date = iso === undefined ? new Date(NaN) : new Date(iso);
  if (Number.isNaN(date.getTime())) return { day: '', time: '--:--:--' };
  const text = date.toISOString();
  return { day: text.slice(0, 10), time: text.slice(11, 19) };
}

/**
 * The conversation as a chat: a header, then one line per communication (time, participant, text), a
 * date line whenever the day changes; long text wraps under itself. Every API string is sanitised.
 */
export function chatTranscript(conversation: Conversation, style: Style): string {
  const participants = new Map((conversation.participants ?? []).map((participant) => [participant.id, participant]));
  const who = (id: string) => {
    const participant = participants.get(id);
    return sanitize(participant?.name ?? participant?.type ?? id);
  };
  const header = [
    `${style.bold(sanitize(conversation.name ?? '(no name)'))}  ${style.dim(conversation.id)}`,
    `${sanitize(conversation.status ?? '')} · ${sanitize((conversation.channels ?? []).join(', ') || 'no channel')} · created ${sanitize(conversation.createdAt ?? '?')}`,
    `participants: ${
      (conversation.participants ?? [])
        .map(
          (participant) =>
            `${who(participant.id)} (${sanitize([participant.type, ...(participant.addressValues ?? [])].filter(Boolean).join(', '))})`,
        )
        .join('; ') || 'none'
    }`,
    `operator results: ${conversation.operatorResultIds?.length ?? 0}${conversation.operatorResultIds?.length ? ` (ci results ${conversation.id})` : ''}`,
  ];
  const communications = conversation.communications ?? [];
  if (communications.length === 0) return [...header, '', style.dim('no communications')].join('\n');
  const nameWidth = Math.max(...communications.map((communication) => displayWidth(who(communication.participantId))));
  const lines: string[] = [];
  let day = '';
  for (const communication of communications) {
    const at = clock(communication.createdAt);
    if (at.day !== day) lines.push('', style.dim(`── ${at.day || 'unknown date'} ──`));
    day = at.day;
    const name = padEnd(who(communication.participantId), nameWidth);
    const indent = ' '.repeat(at.time.length + 2 + nameWidth + 2);
    const [first = '', ...rest] = wrap(sanitize(communication.content?.text ?? ''), Math.max(20, style.width - indent.length));
    lines.push(`${style.dim(at.time)}  ${style.bold(name)}  ${first}`, ...rest.map((line) => `${indent}${line}`));
  }
  return [...header, ...lines].join('\n');
}
