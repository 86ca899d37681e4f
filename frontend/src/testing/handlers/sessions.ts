import { http } from 'msw';

import type { MessagePage, SessionDetail, SessionPage, SessionSummary } from '@/features/sessions/api/types';

import {
  buildMessage,
  buildOperation,
  buildSession,
  db,
  findOperation,
  operationHistory,
  updateOperation,
} from '../data';

import { answer } from './answer';
import { guard, problem, record } from './utils';

/** The gateway's bounds (SessionController). */
export const MAX_SESSIONS_PAGE_SIZE = 100;
export const DETAIL_MESSAGES = 200;
export const MAX_MESSAGES_LIMIT = 200;

/** 400 INVALID_PARAMETER exactly as the gateway answers a page parameter out of range or malformed. */
function invalidParameter(detail: string) {
  return problem(400, detail, {
    type: 'https://rebound.io/problems/invalid-parameter',
    title: 'Bad Request',
    code: 'INVALID_PARAMETER',
  });
}

/** An integer query parameter like Spring binds it: its default when absent, NaN when malformed. */
function intParam(url: URL, name: string, fallback: number): number {
  const value = url.searchParams.get(name);
  return value === null || value === '' ? fallback : /^-?\d+$/.test(value.trim()) ? Number(value) : NaN;
}

const millis = (at: string) => new Date(at).getTime();

/**
 * A window of consecutive messages as the gateway answers it (SessionService.window): the messages
 * oldest first, whether older ones exist, and the operations created from the window's first message
 * on (from the start when nothing is older) up to `to`, linked to its messages, or (newest window)
 * still running.
 */
function messageWindow(
  session: SessionDetail,
  end: number,
  limit: number,
  { to, open }: { to: number; open: boolean },
): MessagePage {
  const start = Math.max(0, end - limit);
  const messages = session.messages.slice(start, end);
  const hasOlder = start > 0;
  const from = hasOlder && messages[0] ? millis(messages[0].created_at) : -Infinity;
  const operationIds = new Set(messages.map((message) => message.operation_id));
  const messageIds = new Set(messages.map((message) => message.id));
  const operations = session.operations.filter(
    (operation) =>
      (millis(operation.created_at) >= from && millis(operation.created_at) < to) ||
      operationIds.has(operation.id) ||
      (operation.message_id !== null && messageIds.has(operation.message_id)) ||
      (open && (operation.status === 'pending' || operation.status === 'processing')),
  );
  return structuredClone({ messages, operations, has_older_messages: hasOlder });
}

function detail(session: SessionDetail, limit = DETAIL_MESSAGES): SessionDetail {
  const window = messageWindow(session, session.messages.length, limit, { to: Infinity, open: true });
  return {
    id: session.id,
    role: session.role,
    created_at: session.created_at,
    messages: window.messages,
    operations: window.operations,
    has_older_messages: window.has_older_messages,
    answer_max_chars: session.answer_max_chars,
  };
}

function summary(id: string): SessionSummary | undefined {
  const session = db.sessions.get(id);
  return (
    session && {
      id: session.id,
      role: session.role,
      created_at: session.created_at,
      message_count: session.messages.length,
      // As the gateway: failed requests that have no retry yet; they are not messages.
      failed_request_count: session.operations.filter(
        (operation) =>
          operation.status === 'failed' &&
          !session.operations.some((other) => other.parent_operation_id === operation.id),
      ).length,
    }
  );
}

const now = () => new Date().toISOString();

export const sessionHandlers = [
  http.get('*/api/v1/sessions', ({ request }) => {
    const denied = guard(request);
    if (denied) return denied;
    const url = new URL(request.url);
    const page = intParam(url, 'page', 0);
    const size = intParam(url, 'size', 20);
    if (Number.isNaN(page)) return invalidParameter("'page' is not a valid int.");
    if (Number.isNaN(size)) return invalidParameter("'size' is not a valid int.");
    if (page < 0) return invalidParameter("'page' must be 0 or more.");
    if (size < 1 || size > MAX_SESSIONS_PAGE_SIZE) {
      return invalidParameter(`'size' must be 1..${MAX_SESSIONS_PAGE_SIZE}.`);
    }
    if (page * size > 2 ** 31 - 1) {
      return invalidParameter("'page' is too large: page * size must be below 2^31.");
    }
    // Newest first; the newer-added first among equal instants.
    const all = [...db.sessions.keys()]
      .reverse()
      .map((id) => summary(id))
      .filter((session): session is SessionSummary => Boolean(session))
      .sort((a, b) => millis(b.created_at) - millis(a.created_at));
    const body: SessionPage = {
      items: all.slice(page * size, (page + 1) * size),
      page,
      size,
      total: all.length,
    };
    return answer('/api/v1/sessions', 'get', 200, body);
  }),

  http.post('*/api/v1/sessions', async ({ request }) => {
    await record(request);
    const denied = guard(request);
    if (denied) return denied;
    const { role } = (await request.json()) as { role: string };
    const session = buildSession({ role, created_at: now() });
    db.sessions.set(session.id, session);
    return answer('/api/v1/sessions', 'post', 201, detail(session));
  }),

  http.get('*/api/v1/sessions/:id', ({ request, params }) => {
    const denied = guard(request);
    if (denied) return denied;
    const session = db.sessions.get(String(params.id));
    return session
      ? answer('/api/v1/sessions/{id}', 'get', 200, detail(session))
      : problem(404, 'No such session.');
  }),

  http.get('*/api/v1/sessions/:id/messages', ({ request, params }) => {
    const denied = guard(request);
    if (denied) return denied;
    const url = new URL(request.url);
    const limit = intParam(url, 'limit', 100);
    if (Number.isNaN(limit)) return invalidParameter("'limit' is not a valid int.");
    if (limit < 1 || limit > MAX_MESSAGES_LIMIT) {
      return invalidParameter(`'limit' must be 1..${MAX_MESSAGES_LIMIT}.`);
    }
    const session = db.sessions.get(String(params.id));
    if (!session) return problem(404, 'No such session.');
    const before = url.searchParams.get('before');
    if (before === null) {
      return answer(
        '/api/v1/sessions/{id}/messages',
        'get',
        200,
        messageWindow(session, session.messages.length, limit, { to: Infinity, open: true }),
      );
    }
    const index = session.messages.findIndex((message) => message.id === before);
    const anchor = session.messages[index];
    if (!anchor) {
      return invalidParameter(`'before' is not the id of a message of session ${session.id}.`);
    }
    return answer(
      '/api/v1/sessions/{id}/messages',
      'get',
      200,
      messageWindow(session, index, limit, { to: millis(anchor.created_at), open: false }),
    );
  }),

  http.post('*/api/v1/sessions/:id/questions', async ({ request, params }) => {
    await record(request);
    const denied = guard(request);
    if (denied) return denied;
    const session = db.sessions.get(String(params.id));
    if (!session) return problem(404, 'No such session.');
    const operation = buildOperation({ session_id: session.id, created_at: now(), updated_at: now() });
    session.operations.push(operation);
    return answer('/api/v1/sessions/{id}/questions', 'post', 202, operation);
  }),

  http.post('*/api/v1/sessions/:id/model-answers', async ({ request, params }) => {
    await record(request);
    const denied = guard(request);
    if (denied) return denied;
    const session = db.sessions.get(String(params.id));
    if (!session) return problem(404, 'No such session.', { code: 'NOT_FOUND' });
    const { question_id: questionId } = (await request.json()) as { question_id?: string };
    if (!questionId) {
      // As the gateway's bean validation answers a body without the question.
      return problem(400, 'questionId: must not be null', { code: 'VALIDATION_FAILED' });
    }
    const question = session.messages.find(
      (message) => message.id === questionId && message.kind === 'question',
    );
    if (!question) {
      return problem(404, `Session ${session.id} has no question ${questionId}.`, {
        type: 'https://rebound.io/problems/question-not-found',
        title: 'Not Found',
        code: 'QUESTION_NOT_FOUND',
      });
    }
    const first = session.operations.find(
      (operation) =>
        operation.operation_type === 'model_answer' &&
        operation.message_id === questionId &&
        operation.parent_operation_id === null,
    );
    if (first) {
      return problem(
        409,
        `A model answer to question ${questionId} was already asked for (operation ${first.id}); if it failed, retry that operation.`,
        {
          type: 'https://rebound.io/problems/model-answer-exists',
          title: 'Conflict',
          code: 'MODEL_ANSWER_EXISTS',
          operation_id: first.id,
        },
      );
    }
    const operation = buildOperation({
      operation_type: 'model_answer',
      session_id: session.id,
      message_id: question.id,
      created_at: now(),
      updated_at: now(),
    });
    session.operations.push(operation);
    return answer('/api/v1/sessions/{id}/model-answers', 'post', 202, operation);
  }),

  http.post('*/api/v1/sessions/:id/answers', async ({ request, params }) => {
    await record(request);
    const denied = guard(request);
    if (denied) return denied;
    const session = db.sessions.get(String(params.id));
    if (!session) return problem(404, 'No such session.');
    const { content } = (await request.json()) as { content: string };
    if (content.length > session.answer_max_chars) {
      // As the gateway's bean validation answers an over-long answer.
      return problem(400, `content: size must be between 0 and ${session.answer_max_chars}`, {
        code: 'VALIDATION_FAILED',
      });
    }
    const question = [...session.messages].reverse().find((message) => message.kind === 'question');
    const message = buildMessage({
      kind: 'answer',
      content,
      reply_to_message_id: question?.id ?? null,
      created_at: now(),
    });
    const operation = buildOperation({
      operation_type: 'feedback_analysis',
      session_id: session.id,
      message_id: message.id,
      created_at: now(),
      updated_at: now(),
    });
    session.messages.push({ ...message, operation_id: operation.id });
    session.operations.push(operation);
    return answer('/api/v1/sessions/{id}/answers', 'post', 202, { message, operation });
  }),

  http.get('*/api/v1/operations/:id', ({ request, params }) => {
    const denied = guard(request);
    if (denied) return denied;
    const operation = findOperation(String(params.id));
    return operation
      ? answer('/api/v1/operations/{id}', 'get', 200, operation)
      : problem(404, 'No such operation.');
  }),

  http.get('*/api/v1/operations/:id/history', ({ request, params }) => {
    const denied = guard(request);
    if (denied) return denied;
    const operation = findOperation(String(params.id));
    if (!operation) return problem(404, 'No such operation.');
    return answer('/api/v1/operations/{id}/history', 'get', 200, operationHistory(operation));
  }),

  http.post('*/api/v1/operations/:id/retry', async ({ request, params }) => {
    await record(request);
    const denied = guard(request);
    if (denied) return denied;
    const failed = findOperation(String(params.id));
    if (!failed) return problem(404, 'No such operation.');
    const existing = failed.retried_by_operation_id && findOperation(failed.retried_by_operation_id);
    if (existing) {
      return answer('/api/v1/operations/{id}/retry', 'post', 200, existing);
    }
    if (failed.status !== 'failed') {
      return problem(409, 'Only a failed operation can be retried.', { code: 'OPERATION_NOT_RETRYABLE' });
    }
    const retry = buildOperation({
      operation_type: failed.operation_type,
      session_id: failed.session_id,
      message_id: failed.message_id,
      parent_operation_id: failed.id,
      retry_count: failed.retry_count + 1,
      source: 'manual',
      created_at: now(),
      updated_at: now(),
    });
    if (failed.session_id) db.sessions.get(failed.session_id)?.operations.push(retry);
    updateOperation(failed.id, { retried_by_operation_id: retry.id, updated_at: now() });
    return answer('/api/v1/operations/{id}/retry', 'post', 201, retry);
  }),
];
