import { describe, expect, it } from 'vitest';
import { parseConversationText, participantKind } from '../../src/lib/conversation-text.js';
import { UsageError } from '../../src/lib/errors.js';

describe('parseConversationText', () => {
  it('reads speaker lines, joining continuation lines and skipping blanks and comments', () => {
    const text = '# a support call\nAgent: Thank you for calling.\n\nCustomer: We cannot log in\nto your account system.\nAgent: Sorry!\n';
    expect(parseConversationText(text)).toEqual({
      participants: [
        { name: 'Agent', type: 'HUMAN_AGENT' },
        { name: 'Customer', type: 'CUSTOMER' },
      ],
      utterances: [
        { participant: 'Agent', text: 'Thank you for calling.' },
        { participant: 'Customer', text: 'We cannot log in to your account system.' },
        { participant: 'Agent', text: 'Sorry!' },
      ],
    });
  });

  it('reads JSON lines and JSON arrays of {participant, text, at}, normalising the time', () => {
    const lines = '{"participant": "Bot", "text": "Hi", "at": "2026-01-10T10:00:00+01:00"}\n{"participant": "Dana", "text": "Hello"}\n';
    const parsed = parseConversationText(lines);
    expect(parsed.utterances).toEqual([
      { participant: 'Bot', text: 'Hi', at: '2026-01-10T09:00:00.000Z' },
      { participant: 'Dana', text: 'Hello' },
    ]);
    expect(parsed.participants.map((participant) => participant.type)).toEqual(['AI_AGENT', 'UNKNOWN']);
    expect(parseConversationText('[{"participant": "Agent", "text": "Hi"}]').utterances).toHaveLength(1);
  });

  it('refuses bad input with a UsageError naming the source and line', () => {
    const problem = (text: string) => {
      try {
        parseConversationText(text, 'call.txt');
      } catch (error) {
        expect(error).toBeInstanceOf(UsageError);
        return (error as Error).message;
      }
      throw new Error('expected a UsageError');
    };
    expect(problem('no speaker here')).toBe('call.txt, line 1: expected "Name: text" (e.g. "Agent: Hello")');
    expect(problem('{"participant": "Agent"}')).toBe('call.txt, line 1: "text" must be a non-empty string');
    expect(problem('{"participant": "Agent", "text": "x", "at": "yesterday"}')).toContain('"at" must be an ISO 8601 date-time');
    expect(problem('{"participant": "Agent", "text": "x", "speaker": 1}')).toContain('unknown field "speaker"');
    expect(problem('{"participant": "Agent", "text": "x"}\n{nope')).toContain('call.txt, line 2: not JSON');
    expect(problem('# only a comment\n')).toBe('call.txt holds no utterances');
    expect(problem('Agent:\n')).toContain('says nothing');
  });

  it('guesses participant types from names', () => {
    expect(['Agent', 'Support rep', 'Caller', 'virtual agent', 'AI', 'Dana'].map(participantKind)).toEqual([
      'HUMAN_AGENT',
      'HUMAN_AGENT',
      'CUSTOMER',
      'AI_AGENT',
      'AI_AGENT',
      'UNKNOWN',
    ]);
  });
});
