import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import {
  addMessage,
  addSession,
  buildFailedOperation,
  buildMessage,
  buildOperation,
  buildSession,
  db,
  signInAs,
  T0,
  updateOperation,
} from '@/testing/data';
import { FakeEventSource } from '@/testing/fake-event-source';
import { renderApp } from '@/testing/test-utils';

const QUESTION = 'How would you design an idempotent payment API?';
const MODEL_ANSWER =
  'To answer "How would you design an idempotent payment API?", I would start with the principle.';

describe('a model answer', () => {
  it('is asked for on a question, shows its request live, then arrives labelled under the question', async () => {
    signInAs();
    const question = buildMessage({ id: 'question-1', kind: 'question', content: QUESTION, created_at: T0 });
    addSession(buildSession({ id: 'session-model', messages: [question] }));
    const { user } = renderApp('/sessions/session-model');

    const article = await screen.findByRole('article', { name: /Question 1/ });
    act(() => FakeEventSource.latest().open());
    await user.click(within(article).getByRole('button', { name: 'Show a model answer' }));

    const card = await screen.findByRole('region', { name: 'Model answer request' });
    expect(within(card).getByText('Queued')).toBeInTheDocument();
    await waitFor(() => expect(card).toHaveFocus());
    expect(screen.queryByRole('button', { name: 'Show a model answer' })).not.toBeInTheDocument();
    expect(db.requests.filter((request) => request.path.endsWith('/model-answers'))).toEqual([
      expect.objectContaining({
        path: '/api/v1/sessions/session-model/model-answers',
        body: { question_id: 'question-1' },
      }),
    ]);
    // The question stays open for the person's own answer.
    expect(screen.getByRole('textbox', { name: 'Your answer' })).toBeEnabled();

    const session = db.sessions.get('session-model');
    const operation = session?.operations.find((o) => o.operation_type === 'model_answer');
    if (!session || !operation) throw new Error('the model answer operation should exist');
    const completed = updateOperation(operation.id, {
      status: 'completed',
      attempt_count: 1,
      result: MODEL_ANSWER,
      updated_at: new Date().toISOString(),
    });
    addMessage(
      session.id,
      buildMessage({
        kind: 'model_answer',
        content: MODEL_ANSWER,
        operation_id: operation.id,
        reply_to_message_id: question.id,
        created_at: new Date().toISOString(),
      }),
    );
    act(() => FakeEventSource.latest().emit('operation', completed, '3'));

    const answer = await screen.findByRole('article', { name: /Model answer/ });
    expect(answer).toHaveTextContent(MODEL_ANSWER);
    await waitFor(() =>
      expect(screen.queryByRole('region', { name: 'Model answer request' })).not.toBeInTheDocument(),
    );
    expect(screen.getByTestId('live-region')).toHaveTextContent('Model answer ready.');
    expect(screen.queryByRole('button', { name: 'Show a model answer' })).not.toBeInTheDocument();
  });

  it('that failed shows its failure card with Retry instead of a second Show a model answer', async () => {
    signInAs();
    const question = buildMessage({ id: 'question-2', kind: 'question', content: QUESTION, created_at: T0 });
    const failed = buildFailedOperation('AI_UNAVAILABLE', {
      operation_type: 'model_answer',
      session_id: 'session-model-failed',
      message_id: question.id,
      created_at: '2025-01-01T10:01:00Z',
    });
    addSession(buildSession({ id: 'session-model-failed', messages: [question], operations: [failed] }));
    const { user } = renderApp('/sessions/session-model-failed');

    const card = await screen.findByRole('region', { name: 'Model answer request' });
    expect(within(card).getByText("Couldn't write a model answer")).toBeInTheDocument();
    expect(card).toHaveTextContent('The AI service kept failing after 3 attempts.');
    expect(screen.queryByRole('button', { name: 'Show a model answer' })).not.toBeInTheDocument();

    await user.click(within(card).getByRole('button', { name: 'Retry' }));

    await waitFor(() =>
      expect(db.requests.map((request) => request.path)).toContain(`/api/v1/operations/${failed.id}/retry`),
    );
    expect(db.requests.filter((request) => request.path.endsWith('/model-answers'))).toHaveLength(0);
  });

  it('that the AI refused says so without Retry, and the question stays answerable', async () => {
    signInAs();
    const question = buildMessage({ id: 'question-3', kind: 'question', content: QUESTION, created_at: T0 });
    const refused = buildFailedOperation('AI_REJECTED', {
      operation_type: 'model_answer',
      session_id: 'session-model-refused',
      message_id: question.id,
    });
    addSession(buildSession({ id: 'session-model-refused', messages: [question], operations: [refused] }));
    renderApp('/sessions/session-model-refused');

    const card = await screen.findByRole('region', { name: 'Model answer request' });
    expect(card).toHaveTextContent('The AI service refused to write a model answer to this question.');
    expect(card).toHaveTextContent('What to do: answer the question in your own words');
    expect(within(card).queryByRole('button', { name: 'Retry' })).not.toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Your answer' })).toBeEnabled();
  });

  it('asked for in another tab meanwhile: the 409 reads the session again and shows that one', async () => {
    signInAs();
    const question = buildMessage({ id: 'question-4', kind: 'question', content: QUESTION, created_at: T0 });
    addSession(buildSession({ id: 'session-model-twice', messages: [question] }));
    const { user } = renderApp('/sessions/session-model-twice');
    const button = await screen.findByRole('button', { name: 'Show a model answer' });
    // The other tab's request, not yet seen by this one.
    db.sessions.get('session-model-twice')?.operations.push(
      buildOperation({
        operation_type: 'model_answer',
        session_id: 'session-model-twice',
        message_id: question.id,
        created_at: '2025-01-01T10:01:00Z',
      }),
    );

    await user.click(button);

    expect(await screen.findByRole('region', { name: 'Model answer request' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Show a model answer' })).not.toBeInTheDocument();
  });
});
