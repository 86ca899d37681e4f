import { http, HttpResponse } from 'msw';

import type { Operation, SessionSummary } from '@/features/sessions/api/types';

import { buildMessage, buildOperation, buildSession, db, findOperation, updateOperation } from '../data';

import { guard, problem, record } from './utils';

function summary(id: string): SessionSummary | undefined {
  const session = db.sessions.get(id);
  return (
    session && {
      id: session.id,
      role: session.role,
      created_at: session.created_at,
      message_count: session.messages.length,
    }
  );
}

const now = () => new Date().toISOString();

export const sessionHandlers = [
  http.get('*/api/v1/sessions', ({ request }) => {
    const denied = guard(request);
    if (denied) return denied;
    const list = [...db.sessions.keys()]
      .reverse()
      .map((id) => summary(id))
      .filter(Boolean);
    return HttpResponse.json(list);
  }),

  http.post('*/api/v1/sessions', async ({ request }) => {
    await record(request);
    const denied = guard(request);
    if (denied) return denied;
    const { role } = (await request.json()) as { role: string };
    const session = buildSession({ role, created_at: now() });
    db.sessions.set(session.id, session);
    return HttpResponse.json(summary(session.id), { status: 201 });
  }),

  http.get('*/api/v1/sessions/:id', ({ request, params }) => {
    const denied = guard(request);
    if (denied) return denied;
    const session = db.sessions.get(String(params.id));
    return session ? HttpResponse.json(structuredClone(session)) : problem(404, 'No such session.');
  }),

  http.post('*/api/v1/sessions/:id/questions', async ({ request, params }) => {
    await record(request);
    const denied = guard(request);
    if (denied) return denied;
    const session = db.sessions.get(String(params.id));
    if (!session) return problem(404, 'No such session.');
    const operation = buildOperation({ session_id: session.id, created_at: now(), updated_at: now() });
    session.operations.push(operation);
    return HttpResponse.json(operation, { status: 202 });
  }),

  http.post('*/api/v1/sessions/:id/answers', async ({ request, params }) => {
    await record(request);
    const denied = guard(request);
    if (denied) return denied;
    const session = db.sessions.get(String(params.id));
    if (!session) return problem(404, 'No such session.');
    const { content } = (await request.json()) as { content: string };
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
    return HttpResponse.json({ message, operation }, { status: 202 });
  }),

  http.get('*/api/v1/operations/:id', ({ request, params }) => {
    const denied = guard(request);
    if (denied) return denied;
    const operation = findOperation(String(params.id));
    return operation ? HttpResponse.json(operation) : problem(404, 'No such operation.');
  }),

  http.get('*/api/v1/operations/:id/history', ({ request, params }) => {
    const denied = guard(request);
    if (denied) return denied;
    const operation = findOperation(String(params.id));
    if (!operation) return problem(404, 'No such operation.');
    const chain: Operation[] = [];
    for (let current: Operation | undefined = operation; current;) {
      chain.unshift(current);
      current = current.parent_operation_id ? findOperation(current.parent_operation_id) : undefined;
    }
    return HttpResponse.json({
      operations: chain.map((entry) => ({ ...entry, attempts: db.attempts.get(entry.id) ?? [] })),
    });
  }),

  http.post('*/api/v1/operations/:id/retry', async ({ request, params }) => {
    await record(request);
    const denied = guard(request);
    if (denied) return denied;
    const failed = findOperation(String(params.id));
    if (!failed) return problem(404, 'No such operation.');
    if (failed.retried_by_operation_id) {
      return HttpResponse.json(findOperation(failed.retried_by_operation_id), { status: 200 });
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
      created_at: now(),
      updated_at: now(),
    });
    db.sessions.get(failed.session_id)?.operations.push(retry);
    updateOperation(failed.id, { retried_by_operation_id: retry.id, updated_at: now() });
    return HttpResponse.json(retry, { status: 201 });
  }),
];
