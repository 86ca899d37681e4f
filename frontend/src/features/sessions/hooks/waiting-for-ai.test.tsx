import { act, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { addSession, buildOperation, buildSession, signInAs, updateOperation } from '@/testing/data';
import { FakeEventSource } from '@/testing/fake-event-source';
import { renderApp } from '@/testing/test-utils';

const WAITING = 'The AI service is down; your request starts automatically when it is back.';
// The first render of the app takes a while on a busy machine.
const WAIT = { timeout: 10_000 };

describe('a request held while the AI service is down', () => {
  it('says so when the session loads and moves on live when the service is back', async () => {
    signInAs();
    const since = new Date(Date.now() - 31_000).toISOString();
    const operation = buildOperation({
      session_id: 'session-held',
      status: 'pending',
      waiting_reason: 'ai_unavailable',
      waiting_since: since,
    });
    addSession(buildSession({ id: 'session-held', operations: [operation] }));

    renderApp('/sessions/session-held');

    const card = await screen.findByRole('region', { name: 'Question request' }, WAIT);
    expect(within(card).getByText(WAITING)).toBeInTheDocument();
    expect(within(card).getByText(/^Waiting for 3\d s$/)).toBeInTheDocument();
    expect(within(card).queryByText('Queued')).not.toBeInTheDocument();

    const stream = FakeEventSource.latest();
    act(() => stream.open());
    // The breaker closed: the gateway pushes the operation again, without a change id.
    const released = updateOperation(operation.id, { waiting_reason: null, waiting_since: null });
    act(() => stream.emit('operation', released));
    expect(await within(card).findByText('Queued')).toBeInTheDocument();
    expect(within(card).queryByText(WAITING)).not.toBeInTheDocument();

    const started = updateOperation(operation.id, {
      status: 'processing',
      attempt_count: 1,
      attempt_started_at: new Date().toISOString(),
      updated_at: new Date().toISOString(),
    });
    act(() => stream.emit('operation', started, '7'));
    expect(await within(card).findByText(/^Calling the AI… \d s$/)).toBeInTheDocument();
  });

  it('tells a queued request live that the AI service went down', async () => {
    signInAs();
    const operation = buildOperation({ session_id: 'session-opened', status: 'pending' });
    addSession(buildSession({ id: 'session-opened', operations: [operation] }));
    renderApp('/sessions/session-opened');
    const card = await screen.findByRole('region', { name: 'Question request' }, WAIT);
    expect(within(card).getByText('Queued')).toBeInTheDocument();
    const stream = FakeEventSource.latest();
    act(() => stream.open());

    const held = updateOperation(operation.id, {
      waiting_reason: 'ai_unavailable',
      waiting_since: new Date().toISOString(),
    });
    act(() => stream.emit('operation', held));

    expect(await within(card).findByText(WAITING)).toBeInTheDocument();
    expect(within(card).getByText('Waiting for 0 s')).toBeInTheDocument();
    expect(screen.getByTestId('live-region')).toHaveTextContent(`Question: ${WAITING}`);
  });
});
