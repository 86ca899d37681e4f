import type { QueryClient } from '@tanstack/react-query';

import { toMillis } from '@/lib/time';

import { operationKeys, sessionKeys } from './query-keys';
import type { Message, MessagePage, Operation, SessionDetail } from './types';

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
  sessionId: string | null = operation.session_id,
): void {
  queryClient.setQueryData<Operation>(operationKeys.detail(operation.id), (existing) =>
    merge(existing, operation),
  );
  // An operation another service requested may belong to no session.
  if (sessionId === null) {
    return;
  }
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

/**
 * Puts a page of older messages in front of the session's, if it is the page just before them
 * (the first message shown is still `before`); otherwise the session stays as it is.
 */
export function withOlderMessages(session: SessionDetail, page: MessagePage, before: string): SessionDetail {
  if (session.messages[0]?.id !== before) {
    return session;
  }
  const knownMessages = new Set(session.messages.map((message) => message.id));
  const incoming = new Map(page.operations.map((operation) => [operation.id, operation]));
  const operations = session.operations.map((existing) => {
    const other = incoming.get(existing.id);
    incoming.delete(existing.id);
    return other ? merge(existing, other) : existing;
  });
  return {
    ...session,
    messages: [...page.messages.filter((message) => !knownMessages.has(message.id)), ...session.messages],
    operations: [...incoming.values(), ...operations],
    has_older_messages: page.has_older_messages,
  };
}

/**
 * A fetched session carries its newest messages only. When the cached one had earlier messages
 * loaded and the two overlap, those earlier messages (and their operations) stay in front. Any
 * operation still running is in every fetched session, so one missing from it has finished since:
 * its stale copy goes.
 */
export function keepOlderMessages(previous: SessionDetail | undefined, next: SessionDetail): SessionDetail {
  const first = next.messages[0];
  if (!previous || previous.id !== next.id || !next.has_older_messages || !first) {
    return next;
  }
  const overlap = previous.messages.findIndex((message) => message.id === first.id);
  if (overlap <= 0) {
    return next; // nothing earlier was loaded, or so much is new that the two do not meet
  }
  const fresh = new Set(next.operations.map((operation) => operation.id));
  return {
    ...next,
    messages: [...previous.messages.slice(0, overlap), ...next.messages],
    operations: [
      ...previous.operations.filter((operation) => !fresh.has(operation.id) && isTerminal(operation)),
      ...next.operations,
    ],
    has_older_messages: previous.has_older_messages,
  };
}
