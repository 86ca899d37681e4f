import type { QueryClient } from '@tanstack/react-query';

import { toMillis } from '@/lib/time';

import { operationKeys, sessionKeys } from './query-keys';
import type { Message, Operation, SessionDetail } from './types';

const TERMINAL: ReadonlySet<string> = new Set(['completed', 'failed']);

export function isTerminal(operation: Pick<Operation, 'status'>): boolean {
  return TERMINAL.has(operation.status);
}

/**
 * Status only moves forward: a late or duplicated event (or a slow response) must not
 * put an operation back to an earlier state.
 */
export function isAtLeastAsRecent(incoming: Operation, existing: Operation): boolean {
  const incomingTerminal = isTerminal(incoming);
  if (incomingTerminal !== isTerminal(existing)) {
    return incomingTerminal;
  }
  if (incoming.attempt_count !== existing.attempt_count) {
    return incoming.attempt_count > existing.attempt_count;
  }
  return (toMillis(incoming.updated_at) ?? 0) >= (toMillis(existing.updated_at) ?? 0);
}

function merge(existing: Operation | undefined, incoming: Operation): Operation {
  if (!existing) {
    return incoming;
  }
  if (!isAtLeastAsRecent(incoming, existing)) {
    return existing;
  }
  return {
    ...incoming,
    // Once known, the link to the retry is never forgotten.
    retried_by_operation_id: incoming.retried_by_operation_id ?? existing.retried_by_operation_id,
  };
}

function withOperation(session: SessionDetail, operation: Operation): SessionDetail {
  const index = session.operations.findIndex((candidate) => candidate.id === operation.id);
  let operations =
    index < 0
      ? [...session.operations, operation]
      : session.operations.map((candidate, i) => (i === index ? merge(candidate, operation) : candidate));
  if (operation.parent_operation_id) {
    operations = operations.map((candidate) =>
      candidate.id === operation.parent_operation_id && candidate.retried_by_operation_id == null
        ? { ...candidate, retried_by_operation_id: operation.id }
        : candidate,
    );
  }
  return { ...session, operations };
}

/** Writes an operation into its own cache entry and into its session's conversation. */
export function upsertOperation(
  queryClient: QueryClient,
  operation: Operation,
  sessionId: string = operation.session_id,
): void {
  queryClient.setQueryData<Operation>(operationKeys.detail(operation.id), (existing) =>
    merge(existing, operation),
  );
  queryClient.setQueryData<SessionDetail>(sessionKeys.detail(sessionId), (session) =>
    session ? withOperation(session, operation) : session,
  );
}

export function upsertMessage(queryClient: QueryClient, sessionId: string, message: Message): void {
  queryClient.setQueryData<SessionDetail>(sessionKeys.detail(sessionId), (session) => {
    if (!session || session.messages.some((candidate) => candidate.id === message.id)) {
      return session;
    }
    return { ...session, messages: [...session.messages, message] };
  });
}
