import { act, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { buildOperation } from '@/testing/data';
import { renderWithProviders } from '@/testing/test-utils';

import { OperationProgress } from './OperationProgress';
import { RetryCountdown } from './RetryCountdown';

const NOW = new Date('2025-01-01T10:00:00.000Z').getTime();

describe('the automatic retry countdown', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(NOW);
  });
  afterEach(() => vi.useRealTimers());

  it('counts down each second until the next attempt, then says it is retrying now', () => {
    render(<RetryCountdown attempt={2} maxAttempts={4} nextRetryAt={NOW + 2_000} />);

    expect(screen.getByText('Attempt 2 of 4 failed — retrying in 2 s')).toBeInTheDocument();
    act(() => {
      vi.advanceTimersByTime(1_000);
    });
    expect(screen.getByText('Attempt 2 of 4 failed — retrying in 1 s')).toBeInTheDocument();
    act(() => {
      vi.advanceTimersByTime(1_000);
    });
    expect(screen.getByText('Attempt 2 of 4 failed — retrying now…')).toBeInTheDocument();
  });

  it('states the number of attempts the worker reports, whatever its policy, and only the attempt before it has', () => {
    const { unmount } = render(<RetryCountdown attempt={2} maxAttempts={6} nextRetryAt={NOW + 2_000} />);
    expect(screen.getByText('Attempt 2 of 6 failed — retrying in 2 s')).toBeInTheDocument();
    unmount();

    render(<RetryCountdown attempt={2} maxAttempts={null} nextRetryAt={NOW + 2_000} />);
    expect(screen.getByText('Attempt 2 failed — retrying in 2 s')).toBeInTheDocument();
  });

  it('rounds a partial second up and ticks on the second boundary', () => {
    render(<RetryCountdown attempt={3} maxAttempts={4} nextRetryAt={NOW + 3_400} />);

    expect(screen.getByText('Attempt 3 of 4 failed — retrying in 4 s')).toBeInTheDocument();
    act(() => {
      vi.advanceTimersByTime(390);
    });
    expect(screen.getByText('Attempt 3 of 4 failed — retrying in 4 s')).toBeInTheDocument();
    act(() => {
      vi.advanceTimersByTime(20);
    });
    expect(screen.getByText('Attempt 3 of 4 failed — retrying in 3 s')).toBeInTheDocument();
  });

  it('shows the countdown and the last error for an operation waiting for its next attempt', () => {
    const operation = buildOperation({
      status: 'processing',
      attempt_count: 1,
      next_retry_at: new Date(NOW + 1_000).toISOString(),
      last_attempt_error: 'AI service answered 503',
    });
    renderWithProviders(<OperationProgress operation={operation} />);

    expect(screen.getByText('Attempt 1 of 4 failed — retrying in 1 s')).toBeInTheDocument();
    expect(screen.getByText('Last error: AI service answered 503')).toBeInTheDocument();
    act(() => {
      vi.advanceTimersByTime(1_000);
    });
    expect(screen.getByText('Attempt 1 of 4 failed — retrying now…')).toBeInTheDocument();
  });

  it('shows the other live states in words', () => {
    const { rerender } = renderWithProviders(
      <OperationProgress operation={buildOperation({ status: 'pending' })} />,
    );
    expect(screen.getByText('Queued')).toBeInTheDocument();

    rerender(<OperationProgress operation={buildOperation({ status: 'processing', attempt_count: 1 })} />);
    expect(screen.getByText('Generating…')).toBeInTheDocument();

    rerender(<OperationProgress operation={buildOperation({ status: 'processing', attempt_count: 3 })} />);
    expect(screen.getByText('(attempt 3 of 4)')).toBeInTheDocument();

    rerender(<OperationProgress operation={buildOperation({ status: 'completed', attempt_count: 1 })} />);
    expect(screen.getByText('Done')).toBeInTheDocument();
  });
});
