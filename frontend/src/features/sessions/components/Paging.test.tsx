import { act, screen, waitFor } from '@testing-library/react';

const WAIT = { timeout: 10_000 };
import { describe, expect, it } from 'vitest';

import { getSessions } from '@/features/sessions/api/get-sessions';
import { isApiError } from '@/lib/api-error';
import { addSession, buildMessage, buildOperation, buildSession, signInAs } from '@/testing/data';
import { FakeEventSource } from '@/testing/fake-event-source';
import { renderApp } from '@/testing/test-utils';

const at = (second: number) => new Date(Date.UTC(2025, 0, 1, 10, 0, 0) + second * 1000).toISOString();

function addSessions(count: number) {
  for (let i = 0; i < count; i++) {
    addSession(buildSession({ id: `session-p${i}`, role: `Role ${i}`, created_at: at(i) }));
  }
}

/** A session of `count` messages, question and answer in turn, one second apart. */
function addLongSession(count: number) {
  const session = buildSession({ id: 'session-long', role: 'Staff engineer' });
  for (let i = 0; i < count; i++) {
    session.messages.push(
      buildMessage({
        id: `m${i}`,
        kind: i % 2 === 0 ? 'question' : 'answer',
        content: `Message ${i}`,
        created_at: at(i),
      }),
    );
  }
  return addSession(session);
}

// jsdom renders hundreds of rows slowly on a busy machine.
const SLOW = { timeout: 30_000 };

describe('the sessions list', () => {
  it('shows the newest 20 sessions and the older ones page by page', SLOW, async () => {
    signInAs();
    addSessions(45);
    const { user } = renderApp('/sessions');

    const list = await screen.findByRole('list', { name: 'Your sessions' }, WAIT);
    expect(list.querySelectorAll('li')).toHaveLength(20);
    expect(list.querySelector('a')).toHaveTextContent('Role 44');
    expect(screen.getByText('Showing 20 of 45 sessions')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Older sessions' }));
    await waitFor(() => expect(list.querySelectorAll('li')).toHaveLength(40));
    await user.click(screen.getByRole('button', { name: 'Older sessions' }));
    await waitFor(() => expect(list.querySelectorAll('li')).toHaveLength(45));

    expect(list.querySelector('li:last-child a')).toHaveTextContent('Role 0');
    expect(screen.getByText('Showing 45 of 45 sessions')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Older sessions' })).not.toBeInTheDocument();
  });

  it('counts the failed requests waiting for a retry, which are not messages', async () => {
    signInAs();
    const failed = (id: string) =>
      buildOperation({ id, session_id: 'session-failing', status: 'failed', error_code: 'AI_UNAVAILABLE' });
    const retried = failed('op-retried');
    addSession(
      buildSession({
        id: 'session-failing',
        role: 'Site reliability engineer',
        operations: [
          failed('op-1'),
          failed('op-2'),
          failed('op-3'),
          retried,
          buildOperation({ session_id: 'session-failing', parent_operation_id: 'op-retried' }),
        ],
      }),
    );
    renderApp('/sessions');

    const link = await screen.findByRole('link', { name: /Site reliability engineer/ });
    expect(link).toHaveTextContent('0 messages · 3 failed requests to retry');
  });

  it('has no Older sessions button when everything fits on one page', async () => {
    signInAs();
    addSessions(3);
    renderApp('/sessions');

    expect(await screen.findByText('Showing 3 of 3 sessions')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Older sessions' })).not.toBeInTheDocument();
  });

  it('is refused like the gateway refuses a page size out of range', async () => {
    signInAs();
    const refused = await getSessions({ page: 0, size: 101 }).catch((error: unknown) => error);

    expect(isApiError(refused) && refused.status === 400 && refused.code === 'INVALID_PARAMETER').toBe(true);
  });
});

describe('a long conversation', () => {
  it('shows the newest 200 messages and the earlier ones on request', SLOW, async () => {
    signInAs();
    addLongSession(250);
    const { user } = renderApp('/sessions/session-long');

    const conversation = await screen.findByRole('list', { name: 'Conversation' }, WAIT);
    expect(conversation.querySelectorAll('article')).toHaveLength(200);
    expect(conversation.querySelector('article')).toHaveTextContent('Message 50');
    // Without the earlier questions the numbers would be wrong, so there are none yet.
    expect(conversation).not.toHaveTextContent(/Question \d/);

    await user.click(screen.getByRole('button', { name: 'Show earlier messages' }));

    await waitFor(() => expect(conversation.querySelectorAll('article')).toHaveLength(250));
    expect(conversation.querySelector('article')).toHaveTextContent('Message 0');
    expect(screen.queryByRole('button', { name: 'Show earlier messages' })).not.toBeInTheDocument();
    expect(conversation.querySelectorAll('article')[248]).toHaveTextContent(/^Question 125.*Message 248/);
  });

  it('keeps the earlier messages when the newest ones are fetched again', SLOW, async () => {
    signInAs();
    const session = addLongSession(250);
    const { user } = renderApp('/sessions/session-long');
    const conversation = await screen.findByRole('list', { name: 'Conversation' }, WAIT);
    act(() => FakeEventSource.latest().open());
    await user.click(screen.getByRole('button', { name: 'Show earlier messages' }));
    await waitFor(() => expect(conversation.querySelectorAll('article')).toHaveLength(250));

    // A new question arrives: the session is fetched again and answers its newest 200 messages only.
    const operation = buildOperation({ session_id: session.id, status: 'completed', created_at: at(250) });
    session.operations.push(operation);
    session.messages.push(
      buildMessage({ id: 'm250', content: 'Message 250', operation_id: operation.id, created_at: at(250) }),
    );
    act(() => FakeEventSource.latest().emit('operation', operation, '5'));

    await waitFor(() => expect(conversation.querySelectorAll('article')).toHaveLength(251));
    expect(conversation.querySelector('article')).toHaveTextContent('Message 0');
    expect(screen.queryByRole('button', { name: 'Show earlier messages' })).not.toBeInTheDocument();
  });
});
