import { describe, expect, it } from 'vitest';

import { buildMessage, buildOperation, buildSession } from '@/testing/data';

import { keepOlderMessages, withOlderMessages } from './cache';
import type { Message, SessionDetail } from './types';

const messages = (from: number, to: number): Message[] =>
  Array.from({ length: to - from }, (_, i) => buildMessage({ id: `m${from + i}` }));

const ids = (session: SessionDetail) => session.messages.map((message) => message.id);

describe('withOlderMessages', () => {
  it('puts the page in front and takes its has_older_messages', () => {
    const old = buildOperation({ id: 'op-old', status: 'completed' });
    const session = buildSession({ messages: messages(5, 8), has_older_messages: true });

    const merged = withOlderMessages(
      session,
      { messages: messages(2, 5), operations: [old], has_older_messages: false },
      'm5',
    );

    expect(ids(merged)).toEqual(['m2', 'm3', 'm4', 'm5', 'm6', 'm7']);
    expect(merged.operations).toEqual([old]);
    expect(merged.has_older_messages).toBe(false);
  });

  it('ignores a page that no longer fits in front of the first message', () => {
    const session = buildSession({ messages: messages(5, 8), has_older_messages: true });

    expect(
      withOlderMessages(
        session,
        { messages: messages(0, 3), operations: [], has_older_messages: true },
        'm3',
      ),
    ).toBe(session);
  });

  it('never moves a known operation back to an earlier state', () => {
    const running = buildOperation({ id: 'op-1', status: 'processing', attempt_count: 2 });
    const session = buildSession({
      messages: messages(5, 6),
      operations: [running],
      has_older_messages: true,
    });

    const merged = withOlderMessages(
      session,
      {
        messages: messages(4, 5),
        operations: [{ ...running, status: 'pending', attempt_count: 0 }],
        has_older_messages: false,
      },
      'm5',
    );

    expect(merged.operations).toEqual([running]);
  });
});

describe('keepOlderMessages', () => {
  it('keeps the earlier messages in front of a fetched window that overlaps them', () => {
    const old = buildOperation({ id: 'op-old', status: 'failed' });
    const stale = buildOperation({ id: 'op-stale', status: 'processing' });
    const previous = buildSession({
      id: 's',
      messages: messages(0, 10),
      operations: [old, stale],
      has_older_messages: false,
    });
    const fresh = buildOperation({ id: 'op-new', status: 'pending' });
    const next = buildSession({
      id: 's',
      messages: messages(4, 12),
      operations: [fresh],
      has_older_messages: true,
    });

    const kept = keepOlderMessages(previous, next);

    expect(ids(kept)).toEqual(messages(0, 12).map((message) => message.id));
    expect(kept.has_older_messages).toBe(false);
    // Every running operation is in a fetched session: one missing from it has finished, its copy is stale.
    expect(kept.operations.map((operation) => operation.id)).toEqual(['op-old', 'op-new']);
  });

  it('takes the fetched session as it is when nothing earlier was loaded, or when the two do not meet', () => {
    const next = buildSession({ id: 's', messages: messages(4, 12), has_older_messages: true });

    expect(keepOlderMessages(undefined, next)).toBe(next);
    expect(keepOlderMessages(buildSession({ id: 's', messages: messages(4, 10) }), next)).toBe(next);
    expect(keepOlderMessages(buildSession({ id: 's', messages: messages(0, 3) }), next)).toBe(next);
    const whole = buildSession({ id: 's', messages: messages(0, 12), has_older_messages: false });
    expect(keepOlderMessages(buildSession({ id: 's', messages: messages(0, 10) }), whole)).toBe(whole);
  });
});
