import { describe, expect, it } from 'vitest';

import { buildFailedOperation, buildMessage, buildOperation } from '@/testing/data';

import { buildTimeline, latestQuestion } from './timeline';

describe('buildTimeline', () => {
  it('shows a running operation as a card until its message arrives', () => {
    const op = buildOperation({ status: 'processing', created_at: '2025-01-01T10:00:01Z' });
    const question = buildMessage({
      kind: 'question',
      operation_id: op.id,
      created_at: '2025-01-01T10:00:05Z',
    });

    expect(buildTimeline([], [op]).map((item) => item.kind)).toEqual(['operation']);
    const done = buildTimeline([question], [{ ...op, status: 'completed' }]);
    expect(done).toEqual([
      expect.objectContaining({ kind: 'message', message: question, questionNumber: 1 }),
    ]);
  });

  it('shows only the newest operation of a retry chain, in the place of the original', () => {
    const first = buildMessage({ kind: 'question', created_at: '2025-01-01T10:00:00Z' });
    const failed = buildOperation({ status: 'failed', created_at: '2025-01-01T10:01:00Z' });
    const retry = buildOperation({
      parent_operation_id: failed.id,
      retry_count: 1,
      created_at: '2025-01-01T10:05:00Z',
    });
    const later = buildMessage({ kind: 'answer', created_at: '2025-01-01T10:02:00Z' });
    failed.retried_by_operation_id = retry.id;

    const timeline = buildTimeline([first, later], [failed, retry]);

    expect(timeline.map((item) => item.key)).toEqual([
      `message-${first.id}`,
      `operation-${failed.id}`,
      `message-${later.id}`,
    ]);
    expect(timeline[1]).toMatchObject({ operation: retry, chain: [failed, retry] });
  });
});

describe('latestQuestion', () => {
  it('is the newest question while it has no answer', () => {
    const q1 = buildMessage({ kind: 'question', created_at: '2025-01-01T10:00:00Z' });
    const a1 = buildMessage({ kind: 'answer', created_at: '2025-01-01T10:01:00Z' });
    const q2 = buildMessage({ kind: 'question', created_at: '2025-01-01T10:02:00Z' });

    expect(latestQuestion([q1])).toBe(q1);
    expect(latestQuestion([q1, a1])).toBeNull();
    expect(latestQuestion([q1, a1, q2])).toBe(q2);
  });

  it('stays open after an answer the AI refused to give feedback on, which the person is told to reword', () => {
    const q1 = buildMessage({ kind: 'question', created_at: '2025-01-01T10:00:00Z' });
    const a1 = buildMessage({ kind: 'answer', created_at: '2025-01-01T10:01:00Z' });
    const refused = buildFailedOperation('AI_REJECTED', {
      operation_type: 'feedback_analysis',
      message_id: a1.id,
    });
    const unavailable = buildFailedOperation('AI_UNAVAILABLE', {
      operation_type: 'feedback_analysis',
      message_id: a1.id,
    });

    expect(latestQuestion([q1, a1], [refused])).toBe(q1);
    // Any other failure is retried as it is: the answer stands.
    expect(latestQuestion([q1, a1], [unavailable])).toBeNull();
  });
});
