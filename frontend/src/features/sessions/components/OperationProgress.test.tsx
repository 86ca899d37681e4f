import { act, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { buildOperation } from '@/testing/data';
import { renderWithProviders } from '@/testing/test-utils';

import { OperationProgress } from './OperationProgress';

const NOW = new Date('2025-01-01T10:00:00.000Z').getTime();
const at = (offsetMs: number) => new Date(NOW + offsetMs).toISOString();
const WAITING = 'The AI service is down; your request starts automatically when it is back.';

describe('what an unfinished operation says while it waits or runs', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(NOW);
  });
  afterEach(() => vi.useRealTimers());

  it('says a queued request waits for the AI service and starts by itself, not just "Queued"', () => {
    renderWithProviders(
      <OperationProgress
        operation={buildOperation({
          status: 'pending',
          waiting_reason: 'ai_unavailable',
          waiting_since: at(-42_000),
        })}
      />,
    );

    expect(screen.getByText(WAITING)).toBeInTheDocument();
    expect(screen.getByText('Waiting for 42 s')).toBeInTheDocument();
    expect(screen.queryByText('Queued')).not.toBeInTheDocument();
    act(() => {
      vi.advanceTimersByTime(20_000);
    });
    expect(screen.getByText('Waiting for 1 min 2 s')).toBeInTheDocument();
  });

  it('says why a retry that is due does not start, instead of "retrying now…" with a past time', () => {
    renderWithProviders(
      <OperationProgress
        operation={buildOperation({
          status: 'processing',
          attempt_count: 2,
          next_retry_at: at(-20_000),
          last_attempt_error: 'The AI service timed out after 30 s',
          waiting_reason: 'ai_unavailable',
          waiting_since: at(-25_000),
        })}
      />,
    );

    expect(screen.getByText(WAITING)).toBeInTheDocument();
    expect(screen.getByText('Attempt 2 of 4 failed.')).toBeInTheDocument();
    expect(screen.getByText('Last error: The AI service timed out after 30 s')).toBeInTheDocument();
    expect(screen.queryByText(/retrying now/)).not.toBeInTheDocument();
  });

  it('shows how long the AI call in progress has run, ticking each second', () => {
    renderWithProviders(
      <OperationProgress
        operation={buildOperation({
          status: 'processing',
          attempt_count: 1,
          attempt_started_at: at(-12_300),
        })}
      />,
    );

    expect(screen.getByText('Calling the AI… 12 s')).toBeInTheDocument();
    act(() => {
      vi.advanceTimersByTime(700);
    });
    expect(screen.getByText('Calling the AI… 13 s')).toBeInTheDocument();
  });

  it('counts a retry attempt in progress with its number', () => {
    renderWithProviders(
      <OperationProgress
        operation={buildOperation({ status: 'processing', attempt_count: 3, attempt_started_at: at(-2_000) })}
      />,
    );

    expect(screen.getByText('Calling the AI… 2 s')).toBeInTheDocument();
    expect(screen.getByText('(attempt 3 of 4)')).toBeInTheDocument();
  });
});
