import { describe, expect, it } from 'vitest';

import type { AdminAction } from '../api/types';

import { consoleSearch, describeFilter, readConsoleView } from './console-url';
import { fromLocalInput, shortId, simpleClassName, toLocalInput } from './format';
import { actionProgress, describeDryRun } from './outcomes';

function action(overrides: Partial<AdminAction>): AdminAction {
  return {
    id: 7,
    actor: 'sre@example.com',
    action: 'REDRIVE',
    filter: '{}',
    dry_run: false,
    matched: 10,
    affected: 0,
    detail: null,
    created_at: '2025-01-01T10:00:00Z',
    finished_at: null,
    ...overrides,
  };
}

describe('the console URL', () => {
  it('round-trips the filter and page, leaving the default state out', () => {
    const search = consoleSearch(
      {
        error_code: 'AI_UNAVAILABLE',
        operation_type: 'question_generation',
        state: 'open',
        exception_class: ' ',
      },
      2,
    );
    expect(search).toEqual({
      error_code: 'AI_UNAVAILABLE',
      operation_type: 'question_generation',
      page: '2',
    });
    expect(readConsoleView(search)).toEqual({
      filter: {
        error_code: 'AI_UNAVAILABLE',
        operation_type: 'question_generation',
        exception_class: undefined,
        since: undefined,
        until: undefined,
        state: 'open',
      },
      page: 2,
    });
    expect(consoleSearch({ state: 'open' })).toEqual({});
  });

  it('falls back to open and page 0 for nonsense', () => {
    expect(readConsoleView({ state: 'closed', page: '-3' })).toMatchObject({
      filter: { state: 'open' },
      page: 0,
    });
    expect(readConsoleView({ state: 'all', page: 'x' })).toMatchObject({ filter: { state: 'all' }, page: 0 });
  });

  it('names a filter in words', () => {
    expect(describeFilter({ error_code: 'AI_TIMEOUT', operation_type: 'feedback_analysis' })).toBe(
      'error code AI_TIMEOUT, type feedback_analysis',
    );
    expect(describeFilter({ state: 'open' })).toBe('no filter (all of them)');
  });
});

describe('dry-run and progress wording', () => {
  it('lists only the outcomes that occur, in a fixed order', () => {
    expect(describeDryRun({ no_operation: 1, would_redrive: 12, already_retried: 0 })).toEqual([
      '12 will be redriven',
      '1 has no operation',
    ]);
    expect(describeDryRun({ no_operation: 3, operation_not_failed: 2, already_retried: 1 })).toEqual([
      '3 have no operation',
      '1 was already retried',
      '2 have an operation that is no longer failed',
    ]);
  });

  it('reads progress from the audit detail, and survives a detail it cannot read', () => {
    expect(
      actionProgress(action({ affected: 4, detail: '{"skipped":{"no_operation":2,"already_handled":1}}' })),
    ).toEqual({
      matched: 10,
      affected: 4,
      processed: 7,
      finished: false,
      skipped: [
        { reason: 'no operation', count: 2 },
        { reason: 'already handled by someone else', count: 1 },
      ],
    });
    expect(
      actionProgress(action({ affected: 1, detail: 'oops', finished_at: '2025-01-01T10:01:00Z' })),
    ).toMatchObject({ processed: 1, skipped: [], finished: true });
  });
});

describe('formatting', () => {
  it('shortens class names and ids', () => {
    expect(simpleClassName('io.rebound.worker.ai.RetriesExhaustedException')).toBe(
      'RetriesExhaustedException',
    );
    expect(simpleClassName(null)).toBe('—');
    expect(shortId('0b7c0001-1111-4222-8333-444455556666')).toBe('0b7c0001');
  });

  it('converts between datetime-local values and instants', () => {
    const iso = fromLocalInput('2025-03-04T05:06');
    expect(iso).toBe(new Date(2025, 2, 4, 5, 6).toISOString());
    expect(toLocalInput(iso)).toBe('2025-03-04T05:06');
    expect(fromLocalInput('')).toBeUndefined();
    expect(toLocalInput(undefined)).toBe('');
  });
});
