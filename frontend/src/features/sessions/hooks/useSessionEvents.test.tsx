import { act, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import {
  addMessage,
  addSession,
  buildMessage,
  buildOperation,
  buildSession,
  FAILED_MESSAGE,
  signInAs,
  updateOperation,
} from '@/testing/data';
import { FakeEventSource } from '@/testing/fake-event-source';
import { server } from '@/testing/server';
import { renderApp } from '@/testing/test-utils';

import { operationKeys } from '../api/query-keys';
import type { Operation } from '../api/types';

import { RECONNECT_DELAY_MS } from './useSessionEvents';

function sessionWithRunningQuestion() {
  signInAs();
  const operation = buildOperation({ session_id: 'session-sse', status: 'pending' });
  const session = addSession(buildSession({ id: 'session-sse', operations: [operation] }));
  return { session, operation };
}

/** What the worker does on the server, then the event the gateway pushes about it. */
function serverChanges(operation: Operation, changes: Partial<Operation>, id: string) {
  const updated = updateOperation(operation.id, { updated_at: new Date().toISOString(), ...changes });
  act(() => FakeEventSource.latest().emit('operation', updated, id));
  return updated;
}

const sessionGets = () => {
  let count = 0;
  const listener = ({ request }: { request: Request }) => {
    if (request.method === 'GET' && new URL(request.url).pathname === '/api/v1/sessions/session-sse') {
      count += 1;
    }
  };
  server.events.on('request:start', listener);
  return { count: () => count, stop: () => server.events.removeListener('request:start', listener) };
};

describe('live operation updates over Server-Sent Events', () => {
  afterEach(() => vi.useRealTimers());

  it('writes each operation event into the cache and shows the new state', async () => {
    const { operation } = sessionWithRunningQuestion();
    const { queryClient } = renderApp('/sessions/session-sse');
    const card = await screen.findByRole('region', { name: 'Question request' });
    expect(within(card).getByText('Queued')).toBeInTheDocument();

    const stream = FakeEventSource.latest();
    expect(stream.url).toBe('/api/v1/sessions/session-sse/events');
    act(() => stream.open());
    expect(screen.getByText('Live updates')).toBeInTheDocument();

    // The worker's first event carries its retry policy's number of attempts.
    serverChanges(operation, { status: 'processing', attempt_count: 1, max_attempts: 4 }, '1');
    expect(await within(card).findByText('Generating…')).toBeInTheDocument();
    expect(queryClient.getQueryData(operationKeys.detail(operation.id))).toMatchObject({
      status: 'processing',
      attempt_count: 1,
    });

    serverChanges(
      operation,
      {
        attempt_count: 1,
        next_retry_at: new Date(Date.now() + 60_000).toISOString(),
        last_attempt_error: 'AI service answered 503',
      },
      '2',
    );
    expect(await within(card).findByText(/^Attempt 1 of 4 failed — retrying in \d+ s$/)).toBeInTheDocument();
    expect(screen.getByTestId('live-region')).toHaveTextContent(
      'Question: attempt 1 of 4 failed, retrying shortly.',
    );

    serverChanges(
      operation,
      {
        status: 'failed',
        attempt_count: 4,
        next_retry_at: null,
        error_code: 'AI_UNAVAILABLE',
        next_action: 'retry',
        error_message: FAILED_MESSAGE,
      },
      '3',
    );
    expect(await within(card).findByText('The AI service is unavailable right now.')).toBeInTheDocument();
    expect(within(card).getByText('Press Retry in a minute.')).toBeInTheDocument();
    expect(within(card).getByRole('button', { name: 'Retry' })).toBeEnabled();
    expect(screen.getByTestId('live-region')).toHaveTextContent(
      "Couldn't generate a question. The AI service is unavailable right now.",
    );
  });

  it('never moves an operation backwards on a late event', async () => {
    const { operation } = sessionWithRunningQuestion();
    const { queryClient } = renderApp('/sessions/session-sse');
    await screen.findByRole('region', { name: 'Question request' });
    act(() => FakeEventSource.latest().open());

    const done = serverChanges(
      operation,
      { status: 'completed', attempt_count: 1, result: 'What is a B-tree?' },
      '5',
    );
    addMessage(
      'session-sse',
      buildMessage({ kind: 'question', content: 'What is a B-tree?', operation_id: operation.id }),
    );
    act(() =>
      FakeEventSource.latest().emit('operation', { ...done, status: 'processing', next_retry_at: null }, '4'),
    );

    expect(await screen.findByRole('article', { name: /Question 1/ })).toHaveTextContent('What is a B-tree?');
    expect(queryClient.getQueryData(operationKeys.detail(operation.id))).toMatchObject({
      status: 'completed',
    });
  });

  it('polls every 2 s while the stream is down and stops when it is back', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { operation } = sessionWithRunningQuestion();
    renderApp('/sessions/session-sse');
    const card = await screen.findByRole('region', { name: 'Question request' });
    const stream = FakeEventSource.latest();
    act(() => stream.open());
    act(() => stream.fail());
    expect(screen.getByText('Reconnecting…')).toBeInTheDocument();

    // The worker moves on while no event can reach us: polling picks it up.
    updateOperation(operation.id, { status: 'processing', attempt_count: 1 });
    await act(() => vi.advanceTimersByTimeAsync(2_100));
    await waitFor(() => expect(within(card).getByText('Generating…')).toBeInTheDocument());

    act(() => stream.open());
    expect(screen.getByText('Live updates')).toBeInTheDocument();
    const gets = sessionGets();
    await act(() => vi.advanceTimersByTimeAsync(6_500));
    // One catch-up fetch after reconnecting, then no more polling.
    expect(gets.count()).toBeLessThanOrEqual(1);
    gets.stop();
  });

  it('opens a new stream after the server closed it', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    sessionWithRunningQuestion();
    renderApp('/sessions/session-sse');
    await screen.findByRole('region', { name: 'Question request' });
    const first = FakeEventSource.latest();
    act(() => first.fail({ closed: true }));

    await act(() => vi.advanceTimersByTimeAsync(RECONNECT_DELAY_MS + 100));

    expect(FakeEventSource.instances).toHaveLength(2);
    act(() => FakeEventSource.latest().open());
    expect(screen.getByText('Live updates')).toBeInTheDocument();
  });
});
