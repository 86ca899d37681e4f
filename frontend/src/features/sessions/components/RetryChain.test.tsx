import { screen, within } from '@testing-library/react';
import { http } from 'msw';
import { describe, expect, it } from 'vitest';

import { buildOperation, FAILED_MESSAGE } from '@/testing/data';
import { answer } from '@/testing/handlers/answer';
import { server } from '@/testing/server';
import { renderWithProviders } from '@/testing/test-utils';

import type { Attempt, OperationHistory } from '../api/types';
import { RetryChain } from './RetryChain';

const UNAVAILABLE = 'The AI service was unavailable (HTTP 503)';
const RATE_LIMITED = 'The AI service was receiving too many requests (HTTP 429)';

function attempt(number: number, overrides: Partial<Attempt> = {}): Attempt {
  return {
    number,
    started_at: `2025-01-01T10:00:0${number}Z`,
    ended_at: `2025-01-01T10:00:0${number}Z`,
    outcome: 'failed',
    error_class: 'InternalServerException',
    http_status: 503,
    error_message: UNAVAILABLE,
    next_retry_at: null,
    ...overrides,
  };
}

/** A chain as `GET /operations/{id}/history` answers it: the original, two manual retries, each with its attempts. */
function chain(): OperationHistory {
  const original = buildOperation({
    status: 'failed',
    attempt_count: 2,
    error_code: 'AI_UNAVAILABLE',
    error_message: FAILED_MESSAGE,
    finished_at: '2025-01-01T10:00:05Z',
  });
  const firstRetry = buildOperation({
    status: 'failed',
    parent_operation_id: original.id,
    retry_count: 1,
    attempt_count: 1,
    source: 'manual',
    error_code: 'AI_RATE_LIMITED',
    error_message: FAILED_MESSAGE,
    finished_at: '2025-01-01T10:01:05Z',
  });
  const secondRetry = buildOperation({
    status: 'processing',
    parent_operation_id: firstRetry.id,
    retry_count: 2,
    attempt_count: 1,
    source: 'manual',
  });
  original.retried_by_operation_id = firstRetry.id;
  firstRetry.retried_by_operation_id = secondRetry.id;
  return {
    operations: [
      { operation: original, attempts: [attempt(1), attempt(2)] },
      {
        operation: firstRetry,
        attempts: [
          attempt(1, { error_class: 'RateLimitException', http_status: 429, error_message: RATE_LIMITED }),
        ],
      },
      {
        operation: secondRetry,
        attempts: [
          attempt(1, {
            outcome: 'running',
            ended_at: null,
            error_class: null,
            http_status: null,
            error_message: null,
          }),
        ],
      },
    ],
  };
}

describe('the retry chain', () => {
  it('shows the original request and each retry with their attempts and errors as the gateway sends them', async () => {
    const history = chain();
    const latest = history.operations[2]?.operation ?? buildOperation();
    server.use(
      http.get('*/api/v1/operations/:id/history', () =>
        answer('/api/v1/operations/{id}/history', 'get', 200, history),
      ),
    );
    const { user } = renderWithProviders(<RetryChain operation={latest} />);

    await user.click(screen.getByRole('button', { name: 'Retry 2 — previous attempts' }));

    const list = await screen.findByRole('list', { name: 'Retry chain' });
    const entries = within(list)
      .getAllByRole('listitem')
      .filter((item) => item.parentElement === list);
    expect(entries).toHaveLength(3);
    const [original, firstRetry, secondRetry] = entries.map((item) => within(item));
    if (!original || !firstRetry || !secondRetry) throw new Error('three entries');
    expect(within(list).queryByText(/· · —/)).not.toBeInTheDocument();

    expect(original.getByText(/^Original request · failed ·/)).toBeInTheDocument();
    expect(original.getByText('The AI service is unavailable right now.')).toBeInTheDocument();
    expect(original.getAllByText(UNAVAILABLE)).toHaveLength(2);
    expect(original.getAllByText('(HTTP 503 · InternalServerException)')).toHaveLength(2);

    expect(firstRetry.getByText(/^Retry 1 · failed ·/)).toBeInTheDocument();
    expect(firstRetry.getByText(RATE_LIMITED)).toBeInTheDocument();
    expect(firstRetry.getByText('(HTTP 429 · RateLimitException)')).toBeInTheDocument();

    expect(secondRetry.getByText(/^Retry 2 · processing ·/)).toBeInTheDocument();
    expect(secondRetry.getByText('running')).toBeInTheDocument();
    expect(secondRetry.queryByText('succeeded')).not.toBeInTheDocument();
  });
});
