import { act, screen, waitFor, within } from '@testing-library/react';
import { delay, http } from 'msw';
import { describe, expect, it } from 'vitest';

import {
  addMessage,
  addSession,
  buildMessage,
  buildOperation,
  buildSession,
  db,
  FAILED_MESSAGE,
  signInAs,
  T0,
  updateOperation,
} from '@/testing/data';
import { FakeEventSource } from '@/testing/fake-event-source';
import { tooManyRequests } from '@/testing/handlers/utils';
import { server } from '@/testing/server';
import { renderApp } from '@/testing/test-utils';

const QUESTION = 'How would you design an idempotent payment API?';

describe('a practice session', () => {
  it('creates a session, asks a question, shows it queued, then shows the question when it is ready', async () => {
    signInAs();
    const { user } = renderApp('/sessions');

    await user.click(await screen.findByRole('radio', { name: 'Data scientist' }));
    await user.click(screen.getByRole('button', { name: 'Start session' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Data scientist' })).toBeInTheDocument();
    expect(screen.getByText(/No questions yet/)).toBeInTheDocument();
    act(() => FakeEventSource.latest().open());

    await user.click(screen.getByRole('button', { name: 'Next question' }));
    const card = await screen.findByRole('region', { name: 'Question request' });
    expect(within(card).getByText('Queued')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Next question' })).toBeDisabled();

    // The worker answers; the gateway stores the question and pushes the completed event.
    const session = [...db.sessions.values()][0];
    const operation = session?.operations[0];
    if (!session || !operation) throw new Error('the session and its operation should exist');
    const completed = updateOperation(operation.id, {
      status: 'completed',
      attempt_count: 1,
      result: QUESTION,
      updated_at: new Date().toISOString(),
    });
    addMessage(
      session.id,
      buildMessage({
        kind: 'question',
        content: QUESTION,
        operation_id: operation.id,
        created_at: new Date().toISOString(),
      }),
    );
    act(() => FakeEventSource.latest().emit('operation', completed, '2'));

    const question = await screen.findByRole('article', { name: /Question 1/ });
    expect(question).toHaveTextContent(QUESTION);
    await waitFor(() =>
      expect(screen.queryByRole('region', { name: 'Question request' })).not.toBeInTheDocument(),
    );
    expect(screen.getByTestId('live-region')).toHaveTextContent('New question ready.');
    // The question is open now: the next one comes after its answer.
    const next = screen.getByRole('button', { name: 'Next question' });
    expect(next).toBeDisabled();
    expect(next).toHaveAccessibleDescription('Answer the open question to get the next one.');
  });

  it('offers Next question only while no question of the session is open, also when another tab asked for it', async () => {
    signInAs();
    const answered = buildMessage({ kind: 'question', content: QUESTION, created_at: T0 });
    const answer = buildMessage({
      kind: 'answer',
      content: 'With a key.',
      created_at: '2025-01-01T10:01:00Z',
    });
    addSession(buildSession({ id: 'session-two-tabs', messages: [answered, answer] }));
    renderApp('/sessions/session-two-tabs');

    const next = await screen.findByRole('button', { name: 'Next question' });
    expect(next).toBeEnabled();
    act(() => FakeEventSource.latest().open());

    // Another tab of the same person presses Next question: its operation arrives on this tab's stream.
    const elsewhere = buildOperation({ session_id: 'session-two-tabs', created_at: '2025-01-01T10:02:00Z' });
    act(() => FakeEventSource.latest().emit('operation', elsewhere, '7'));

    expect(await screen.findByRole('region', { name: 'Question request' })).toBeInTheDocument();
    expect(next).toBeDisabled();
    expect(next).toHaveAccessibleDescription('Your next question is on its way.');
    expect(db.requests.filter((request) => request.path.endsWith('/questions'))).toHaveLength(0);
  });

  it('says plainly that the person has too many AI requests open when the gateway answers 429', async () => {
    signInAs();
    addSession(buildSession({ id: 'session-busy' }));
    server.use(
      http.post('*/api/v1/sessions/:id/questions', () =>
        tooManyRequests(
          'TOO_MANY_OPEN_OPERATIONS',
          'You already have 50 AI requests waiting or running, the most one person may have at once.' +
            ' What to do: wait until some of them finish, then try again.',
          5,
          { limit: 50 },
        ),
      ),
    );
    const { user } = renderApp('/sessions/session-busy');

    await user.click(await screen.findByRole('button', { name: 'Next question' }));

    const notice = await screen.findByRole('region', { name: 'Too many AI requests right now' });
    expect(notice).toHaveTextContent(
      'You already have 50 AI requests waiting or running, the most one person may have at once.',
    );
    expect(notice).toHaveTextContent('What to do: wait until some of them finish, then try again.');
    expect(notice).toHaveTextContent('Error code: TOO_MANY_OPEN_OPERATIONS');
    expect(screen.getByRole('button', { name: 'Next question' })).toBeEnabled();
    expect(screen.queryByRole('region', { name: 'Question request' })).not.toBeInTheDocument();
  });

  it('sends an answer to the latest question and shows the feedback request', async () => {
    signInAs();
    const question = buildMessage({ kind: 'question', content: QUESTION });
    addSession(buildSession({ id: 'session-answer', messages: [question] }));
    const { user } = renderApp('/sessions/session-answer');

    const box = await screen.findByRole('textbox', { name: 'Your answer' });
    expect(screen.getByText(`Answering: ${QUESTION}`)).toBeInTheDocument();
    await user.type(box, 'With an idempotency key per request.');
    await user.click(screen.getByRole('button', { name: 'Send answer' }));

    expect(await screen.findByRole('article', { name: /Your answer/ })).toHaveTextContent(
      'With an idempotency key per request.',
    );
    const card = await screen.findByRole('region', { name: 'Feedback request' });
    expect(within(card).getByText('Queued')).toBeInTheDocument();
    expect(box).toHaveValue('');
    expect(box).toBeDisabled();
    expect(db.requests).toContainEqual(
      expect.objectContaining({
        path: '/api/v1/sessions/session-answer/answers',
        body: { content: 'With an idempotency key per request.' },
      }),
    );
  });

  it('counts an answer against the limit the session states and holds back one that is too long', async () => {
    signInAs();
    const question = buildMessage({ kind: 'question', content: QUESTION });
    addSession(buildSession({ id: 'session-long-answer', messages: [question], answer_max_chars: 20 }));
    const { user } = renderApp('/sessions/session-long-answer');

    const box = await screen.findByRole('textbox', { name: 'Your answer' });
    expect(box).toHaveAccessibleDescription(expect.stringContaining('0 of 20 characters'));
    await user.type(box, 'Twenty-five characters!!!');

    expect(screen.getByText('25 of 20 characters: shorten your answer by 5 to send it.')).toBeInTheDocument();
    expect(box).toBeInvalid();
    const send = screen.getByRole('button', { name: 'Send answer' });
    expect(send).toBeDisabled();
    await user.type(box, '{Control>}{Enter}{/Control}');
    expect(db.requests.filter((request) => request.path.endsWith('/answers'))).toHaveLength(0);

    await user.type(box, '{Backspace}{Backspace}{Backspace}{Backspace}{Backspace}');
    expect(screen.getByText('20 of 20 characters')).toBeInTheDocument();
    expect(send).toBeEnabled();
  });

  it('retries a failed question: the button waits, the retry takes its place and the chain can be read', async () => {
    signInAs();
    const failed = buildOperation({
      session_id: 'session-retry',
      status: 'failed',
      attempt_count: 4,
      error_code: 'AI_UNAVAILABLE',
      next_action: 'retry',
      error_message: FAILED_MESSAGE,
    });
    addSession(buildSession({ id: 'session-retry', operations: [failed] }));
    db.attempts.set(failed.id, [
      {
        number: 1,
        started_at: '2025-01-01T10:00:00Z',
        ended_at: '2025-01-01T10:00:01Z',
        outcome: 'failed',
        error_class: 'InternalServerException',
        http_status: 503,
        error_message: 'The AI service was unavailable (HTTP 503)',
        next_retry_at: null,
      },
      {
        number: 2,
        started_at: '2025-01-01T10:00:02Z',
        ended_at: '2025-01-01T10:00:03Z',
        outcome: 'failed',
        error_class: 'InternalServerException',
        http_status: 503,
        error_message: 'The AI service was unavailable (HTTP 503)',
        next_retry_at: null,
      },
    ]);
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    server.use(
      http.post('*/api/v1/operations/:id/retry', async () => {
        await held; // keep the request running until the test looks at the button
        return undefined; // fall through to the fake backend's handler
      }),
    );
    const { user } = renderApp('/sessions/session-retry');

    const card = await screen.findByRole('region', { name: 'Question request' });
    expect(within(card).getByText('The AI service is unavailable right now.')).toBeInTheDocument();
    const retry = within(card).getByRole('button', { name: 'Retry' });
    await user.click(retry);

    expect(retry).toBeDisabled();
    expect(within(retry).getByTestId('spinner')).toBeInTheDocument();
    release();

    expect(await screen.findByText('Retrying…')).toBeInTheDocument();
    const sameCard = await screen.findByRole('region', { name: 'Question request' });
    expect(await within(sameCard).findByText('Queued')).toBeInTheDocument();
    expect(within(sameCard).queryByRole('button', { name: 'Retry' })).not.toBeInTheDocument();
    expect(screen.getAllByRole('region', { name: 'Question request' })).toHaveLength(1);

    const retryOp = db.sessions.get('session-retry')?.operations[1];
    if (!retryOp) throw new Error('the retry should exist');
    // The retry also fails once and is being retried automatically.
    updateOperation(retryOp.id, {
      status: 'processing',
      attempt_count: 1,
      next_retry_at: new Date(Date.now() + 30_000).toISOString(),
      updated_at: new Date().toISOString(),
    });
    db.attempts.set(retryOp.id, [
      {
        number: 1,
        started_at: '2025-01-01T10:05:00Z',
        ended_at: '2025-01-01T10:05:01Z',
        outcome: 'failed',
        error_class: 'RateLimitException',
        http_status: 429,
        error_message: 'The AI service was receiving too many requests (HTTP 429)',
        next_retry_at: null,
      },
    ]);
    act(() =>
      FakeEventSource.latest().emit('operation', db.sessions.get('session-retry')?.operations[1], '9'),
    );

    await user.click(await within(sameCard).findByRole('button', { name: 'Retry 1 — previous attempts' }));
    const chain = await within(sameCard).findByRole('list', { name: 'Retry chain' });
    expect(within(chain).getByText(/Original request · failed/)).toBeInTheDocument();
    expect(within(chain).getByText(/Retry 1 · processing/)).toBeInTheDocument();
    expect(within(chain).getAllByText('The AI service was unavailable (HTTP 503)')).toHaveLength(2);
    expect(
      within(chain).getByText('The AI service was receiving too many requests (HTTP 429)'),
    ).toBeInTheDocument();
    expect(within(chain).getAllByText(/HTTP 503 · InternalServerException/)).toHaveLength(2);
  });

  it('takes the "Retrying…" toast away once the retry has its answer', async () => {
    signInAs();
    const failed = buildOperation({
      session_id: 'session-toast',
      status: 'failed',
      attempt_count: 4,
      error_code: 'AI_UNAVAILABLE',
      next_action: 'retry',
      error_message: FAILED_MESSAGE,
    });
    addSession(buildSession({ id: 'session-toast', operations: [failed] }));
    const { user } = renderApp('/sessions/session-toast');

    const card = await screen.findByRole('region', { name: 'Question request' });
    await user.click(within(card).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('Retrying…')).toBeInTheDocument();

    const retryOp = db.sessions.get('session-toast')?.operations[1];
    if (!retryOp) throw new Error('the retry should exist');
    const completed = updateOperation(retryOp.id, {
      status: 'completed',
      attempt_count: 1,
      result: 'Tell me about a time you changed your mind.',
      finished_at: new Date().toISOString(),
      updated_at: new Date().toISOString(),
    });
    act(() => FakeEventSource.latest().emit('operation', completed, '5'));

    // Well before the toast's own 5 s are up.
    await waitFor(() => expect(screen.queryByText('Retrying…')).not.toBeInTheDocument(), { timeout: 2_500 });
  });

  it('keeps the retry chain readable on a question that arrived after a retry', async () => {
    signInAs();
    const failed = buildOperation({
      session_id: 'session-ok',
      status: 'failed',
      attempt_count: 4,
      error_message: FAILED_MESSAGE,
    });
    const retry = buildOperation({
      session_id: 'session-ok',
      status: 'completed',
      attempt_count: 1,
      parent_operation_id: failed.id,
      retry_count: 1,
      result: QUESTION,
    });
    failed.retried_by_operation_id = retry.id;
    const message = buildMessage({ kind: 'question', content: QUESTION, operation_id: retry.id });
    addSession(buildSession({ id: 'session-ok', messages: [message], operations: [failed, retry] }));
    const { user } = renderApp('/sessions/session-ok');

    const question = await screen.findByRole('article', { name: /Question 1/ });
    expect(screen.queryByRole('region', { name: 'Question request' })).not.toBeInTheDocument();
    await user.click(within(question).getByRole('button', { name: 'Retry 1 — previous attempts' }));
    const chain = await within(question).findByRole('list', { name: 'Retry chain' });
    expect(within(chain).getByText(/Original request · failed/)).toBeInTheDocument();
    expect(within(chain).getByText('The AI service is unavailable right now.')).toBeInTheDocument();
    expect(within(chain).getByText(/Retry 1 · completed/)).toBeInTheDocument();
  });

  it('shows no Retry button for a failed operation that already has a retry', async () => {
    signInAs();
    const failed = buildOperation({
      session_id: 'session-x',
      status: 'failed',
      error_message: FAILED_MESSAGE,
      retried_by_operation_id: 'op-elsewhere',
    });
    addSession(buildSession({ id: 'session-x', operations: [failed] }));
    renderApp('/sessions/session-x');

    const card = await screen.findByRole('region', { name: 'Question request' });
    expect(within(card).getByText('The AI service is unavailable right now.')).toBeInTheDocument();
    expect(within(card).queryByRole('button', { name: 'Retry' })).not.toBeInTheDocument();
    expect(within(card).getByText('A retry has been requested…')).toBeInTheDocument();
  });

  it('goes to sign-in when the session has expired', async () => {
    signInAs();
    addSession(buildSession({ id: 'session-expired' }));
    const { user } = renderApp('/sessions/session-expired');
    await screen.findByRole('heading', { level: 1, name: 'Backend engineer' });

    db.currentUser = null; // the server forgot us
    server.use(
      http.post('*/api/v1/sessions/:id/questions', async () => {
        await delay(1);
        return undefined;
      }),
    );
    await user.click(screen.getByRole('button', { name: 'Next question' }));

    expect(await screen.findByRole('heading', { name: 'Sign in to Rebound' })).toBeInTheDocument();
    expect(window.location.search).toBe('?next=%2Fsessions%2Fsession-expired');
  });
  it('shows the AI simulator panel to an administrator only, and no simulator request is made for anyone else', async () => {
    db.simulator.available = true;
    addSession(buildSession({ id: 'session-panel' }));

    const simulatorCalls: string[] = [];
    const onRequest = ({ request }: { request: Request }) => {
      if (new URL(request.url).pathname.startsWith('/api/v1/dev/')) simulatorCalls.push(request.url);
    };
    server.events.on('request:start', onRequest);

    signInAs('ada@example.com');
    const first = renderApp('/sessions/session-panel');
    expect(await screen.findByRole('heading', { level: 1, name: 'Backend engineer' })).toBeInTheDocument();
    await waitFor(() => expect(first.queryClient.isFetching()).toBe(0));
    expect(screen.queryByRole('heading', { name: 'AI simulator' })).not.toBeInTheDocument();
    expect(simulatorCalls).toEqual([]);
    server.events.removeListener('request:start', onRequest);
    first.unmount();

    signInAs('sre@example.com');
    renderApp('/sessions/session-panel');
    expect(await screen.findByRole('heading', { name: 'AI simulator' })).toBeInTheDocument();
    expect(screen.getByRole('switch', { name: 'Outage' })).not.toBeChecked();
  });
});
