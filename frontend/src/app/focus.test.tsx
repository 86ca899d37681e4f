import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import {
  addMessage,
  addSession,
  buildFailedOperation,
  buildMessage,
  buildSession,
  db,
  signInAs,
  updateOperation,
} from '@/testing/data';
import { FakeEventSource } from '@/testing/fake-event-source';
import { renderApp } from '@/testing/test-utils';

const QUESTION = 'How would you shard a job queue?';

/** Presses Tab until `name` has focus; returns how many presses it took (a person would count them too). */
async function tabTo(user: ReturnType<typeof renderApp>['user'], name: RegExp | string, limit = 15) {
  for (let presses = 1; presses <= limit; presses++) {
    await user.tab();
    const focused = document.activeElement;
    if (focused instanceof HTMLElement && focused.matches('a, button') && focused.textContent.match(name)) {
      return presses;
    }
  }
  throw new Error(`${String(name)} was not reached in ${limit} Tab presses`);
}

describe('focus, for keyboard and screen-reader users', () => {
  it('offers a skip link first, which takes focus to the page itself', async () => {
    signInAs();
    const { user } = renderApp('/sessions');
    await screen.findByRole('heading', { level: 1, name: 'Your practice sessions' });

    await user.tab();
    expect(screen.getByRole('link', { name: 'Skip to main content' })).toHaveFocus();
    await user.keyboard('{Enter}');

    expect(screen.getByRole('main')).toHaveFocus();
    expect(window.location.hash).toBe('');
  });

  it('takes focus to the heading of the session opened from the list', async () => {
    signInAs();
    addSession(buildSession({ id: 'session-open', role: 'Site reliability engineer' }));
    const { user } = renderApp('/sessions');

    const link = await screen.findByRole('link', { name: /Site reliability engineer/ });
    link.focus();
    await user.keyboard('{Enter}');

    const heading = await screen.findByRole('heading', { level: 1, name: 'Site reliability engineer' });
    await waitFor(() => expect(heading).toHaveFocus());
    expect(window.location.pathname).toBe('/sessions/session-open');
  });

  it('follows a question from Next question to its card, then to the question when it arrives', async () => {
    signInAs();
    addSession(buildSession({ id: 'session-ask' }));
    const { user } = renderApp('/sessions/session-ask');
    const next = await screen.findByRole('button', { name: 'Next question' });
    act(() => FakeEventSource.latest().open());

    next.focus();
    await user.keyboard('{Enter}');

    const card = await screen.findByRole('region', { name: 'Question request' });
    await waitFor(() => expect(card).toHaveFocus());

    const operation = db.sessions.get('session-ask')?.operations[0];
    if (!operation) throw new Error('the question should have been requested');
    const completed = updateOperation(operation.id, {
      status: 'completed',
      attempt_count: 1,
      result: QUESTION,
    });
    addMessage('session-ask', buildMessage({ content: QUESTION, operation_id: operation.id }));
    act(() => FakeEventSource.latest().emit('operation', completed, '3'));

    const question = await screen.findByRole('article', { name: /Question 1/ });
    await waitFor(() => expect(question).toHaveFocus());
    // From the question, the next stops are its model answer, then the answer box (Next question waits for it).
    await user.tab();
    expect(within(question).getByRole('button', { name: 'Show a model answer' })).toHaveFocus();
    await user.tab();
    expect(screen.getByRole('textbox', { name: 'Your answer' })).toHaveFocus();
  });

  it('reaches Retry in a few Tab presses after opening the session, and keeps focus on the card after it', async () => {
    signInAs();
    const failed = buildFailedOperation('AI_UNAVAILABLE', { session_id: 'session-keys' });
    addSession(buildSession({ id: 'session-keys', role: 'Data engineer', operations: [failed] }));
    const { user } = renderApp('/sessions');
    await tabTo(user, /Data engineer/);
    await user.keyboard('{Enter}');
    await waitFor(() =>
      expect(screen.getByRole('heading', { level: 1, name: 'Data engineer' })).toHaveFocus(),
    );

    // From the heading the next stop is the failed card's Retry.
    expect(await tabTo(user, /^Retry$/)).toBe(1);
    await user.keyboard('{Enter}');

    const card = screen.getByRole('region', { name: 'Question request' });
    await within(card).findByText('Queued');
    await waitFor(() => expect(card).toHaveFocus());

    // The retry's question arrives: focus goes from the card to it.
    act(() => FakeEventSource.latest().open());
    const retry = db.sessions.get('session-keys')?.operations[1];
    if (!retry) throw new Error('the retry should exist');
    const completed = updateOperation(retry.id, { status: 'completed', attempt_count: 1, result: QUESTION });
    addMessage('session-keys', buildMessage({ content: QUESTION, operation_id: retry.id }));
    act(() => FakeEventSource.latest().emit('operation', completed, '4'));
    const question = await screen.findByRole('article', { name: /Question 1/ });
    await waitFor(() => expect(question).toHaveFocus());
  });

  it('moves focus from a sent answer to the feedback being prepared', async () => {
    signInAs();
    addSession(buildSession({ id: 'session-send', messages: [buildMessage({ content: QUESTION })] }));
    const { user } = renderApp('/sessions/session-send');

    const box = await screen.findByRole('textbox', { name: 'Your answer' });
    box.focus();
    await user.keyboard('Shard by tenant.{Control>}{Enter}{/Control}');

    const card = await screen.findByRole('region', { name: 'Feedback request' });
    await waitFor(() => expect(card).toHaveFocus());
    expect(box).toBeDisabled();
  });
});
