import type { User } from '@/features/auth/api/types';
import type { AdminAction, DeadLetter, DeadLetterDetail } from '@/features/dead-letters/api/types';
import type {
  Attempt,
  Message,
  Operation,
  OperationHistory,
  SessionDetail,
} from '@/features/sessions/api/types';
import type { SimulatorFault } from '@/features/simulator/api/types';

import failureTexts from './fixtures/failure-texts.json';

/** A small in-memory backend that the MSW handlers read and write. */
let counter = 0;
export const nextId = (prefix: string) => `${prefix}-${++counter}`;

export const PASSWORD = 'rebound';

/** The gateway's longest answer (SessionController.MAX_ANSWER_CHARS), which it states on every session. */
export const ANSWER_MAX_CHARS = 10_000;

export const users: Record<string, User> = {
  'ada@example.com': { email: 'ada@example.com', display_name: 'Ada Lovelace', roles: ['USER'] },
  'bob@example.com': { email: 'bob@example.com', display_name: 'Bob Admin', roles: ['USER', 'ADMIN'] },
  'sre@example.com': { email: 'sre@example.com', display_name: 'Sam SRE', roles: ['USER', 'ADMIN'] },
};

export const T0 = '2025-01-01T10:00:00Z';

export function buildOperation(overrides: Partial<Operation> = {}): Operation {
  return {
    id: nextId('op'),
    operation_type: 'question_generation',
    status: 'pending',
    session_id: 'session-1',
    message_id: null,
    parent_operation_id: null,
    retry_count: 0,
    attempt_count: 0,
    // The gateway knows the worker's number of attempts from its first status event: none yet for a new operation.
    max_attempts: (overrides.attempt_count ?? 0) > 0 ? 4 : null,
    next_retry_at: null,
    attempt_started_at: null,
    waiting_reason: null,
    waiting_since: null,
    last_attempt_error: null,
    error_code: null,
    error_message: null,
    next_action: null,
    contact_support: false,
    result: null,
    retried_by_operation_id: null,
    source: overrides.parent_operation_id ? 'manual' : 'api',
    created_at: T0,
    updated_at: T0,
    finished_at: null,
    ...overrides,
  };
}

/**
 * A failed operation exactly as the gateway sends it for this code and type: the texts come from the fixture that
 * FailureTextsFixtureTest keeps equal to the gateway's.
 */
export function buildFailedOperation(errorCode: string, overrides: Partial<Operation> = {}): Operation {
  const type = overrides.operation_type ?? 'question_generation';
  const failure = failureTexts.failures.find((f) => f.error_code === errorCode && f.operation_type === type);
  if (!failure) throw new Error(`No failure text for ${errorCode} on ${type}`);
  return buildOperation({
    status: 'failed',
    attempt_count: failureTexts.attempts,
    error_code: failure.error_code,
    error_message: failure.error_message,
    next_action: failure.next_action as Operation['next_action'],
    contact_support: failure.contact_support,
    finished_at: T0,
    ...overrides,
  });
}

export function buildMessage(overrides: Partial<Message> = {}): Message {
  return {
    id: nextId('msg'),
    kind: 'question',
    content: 'Tell me about a time you debugged a production incident.',
    operation_id: null,
    reply_to_message_id: null,
    created_at: T0,
    ...overrides,
  };
}

export function buildSession(overrides: Partial<SessionDetail> = {}): SessionDetail {
  return {
    id: nextId('session'),
    role: 'Backend engineer',
    created_at: T0,
    messages: [],
    operations: [],
    has_older_messages: false,
    answer_max_chars: ANSWER_MAX_CHARS,
    ...overrides,
  };
}

export const FAILED_MESSAGE = 'The AI service is unavailable right now. What to do: Press Retry in a minute.';

interface Db {
  currentUser: User | null;
  csrfToken: string | null;
  sessions: Map<string, SessionDetail>;
  attempts: Map<string, Attempt[]>;
  simulator: { available: boolean; faults: SimulatorFault[] };
  deadLetters: DeadLetterDetail[];
  /** The audit trail of redrives and discards, with the dead letters each one acts on. */
  adminActions: Map<number, AdminAction & { ids: number[] }>;
  requests: { method: string; path: string; body: unknown; csrf: string | null }[];
}

export const db: Db = {
  currentUser: null,
  csrfToken: null,
  sessions: new Map(),
  attempts: new Map(),
  simulator: { available: false, faults: [] },
  deadLetters: [],
  adminActions: new Map(),
  requests: [],
};

export function resetDb(): void {
  db.currentUser = null;
  db.csrfToken = null;
  db.sessions.clear();
  db.attempts.clear();
  db.simulator = { available: false, faults: [] };
  db.deadLetters = [];
  db.adminActions = new Map();
  db.requests = [];
}

export function signInAs(email = 'ada@example.com'): User {
  const user = users[email];
  if (!user) {
    throw new Error(`No test user ${email}`);
  }
  db.currentUser = user;
  return user;
}

export function addSession(session: SessionDetail = buildSession()): SessionDetail {
  db.sessions.set(session.id, session);
  return session;
}

export function findOperation(id: string): Operation | undefined {
  for (const session of db.sessions.values()) {
    const operation = session.operations.find((candidate) => candidate.id === id);
    if (operation) {
      return operation;
    }
  }
  return undefined;
}

/** The operation that retries `id`, if any. */
export function retryOf(id: string): Operation | undefined {
  for (const session of db.sessions.values()) {
    const child = session.operations.find((candidate) => candidate.parent_operation_id === id);
    if (child) {
      return child;
    }
  }
  return undefined;
}

/**
 * As the gateway answers `GET /operations/{id}/history` (and its admin twin): the parents, the
 * operation, then its retries, oldest first; each entry nests the operation and its attempts.
 */
export function operationHistory(operation: Operation): OperationHistory {
  const chain: Operation[] = [];
  for (let current: Operation | undefined = operation; current;) {
    chain.unshift(current);
    current = current.parent_operation_id ? findOperation(current.parent_operation_id) : undefined;
  }
  for (let child = retryOf(operation.id); child; child = retryOf(child.id)) {
    chain.push(child);
  }
  return {
    operations: chain.map((entry) => ({ operation: entry, attempts: db.attempts.get(entry.id) ?? [] })),
  };
}

/** Changes an operation in the fake backend, as the worker would. */
export function updateOperation(id: string, changes: Partial<Operation>): Operation {
  for (const session of db.sessions.values()) {
    const index = session.operations.findIndex((candidate) => candidate.id === id);
    const existing = session.operations[index];
    if (existing) {
      const updated = { ...existing, ...changes };
      session.operations[index] = updated;
      return updated;
    }
  }
  throw new Error(`No operation ${id}`);
}

export function addMessage(sessionId: string, message: Message): Message {
  const session = db.sessions.get(sessionId);
  if (!session) {
    throw new Error(`No session ${sessionId}`);
  }
  session.messages.push(message);
  return message;
}

let deadLetterIds = 0;

export const RETRIES_EXHAUSTED = 'io.rebound.worker.ai.RetriesExhaustedException';

export function buildDeadLetter(
  overrides: Partial<DeadLetter> = {},
  extra: Partial<Omit<DeadLetterDetail, 'dead_letter'>> = {},
): DeadLetterDetail {
  const id = overrides.id ?? ++deadLetterIds + 100;
  const letter: DeadLetter = {
    id,
    topic: 'operations.requested.DLT',
    partition: 0,
    offset: id,
    operation_id: `0b7c${String(id).padStart(4, '0')}-1111-4222-8333-444455556666`,
    operation_type: 'question_generation',
    error_code: 'AI_UNAVAILABLE',
    exception_class: RETRIES_EXHAUSTED,
    reason: 'The AI service is unavailable.',
    original_topic: 'operations.requested',
    original_partition: 0,
    original_offset: id * 10,
    attempts: 4,
    dead_lettered_at: T0,
    state: 'open',
    state_changed_at: null,
    state_changed_by: null,
    state_reason: null,
    redrive_operation_id: null,
    resolved_by_operation_id: null,
    ...overrides,
  };
  return {
    dead_letter: letter,
    key: letter.operation_id,
    exception_message: 'AI service answered 503 four times',
    headers: {
      rebound_error_code: letter.error_code,
      'kafka_dlt-exception-fqcn': letter.exception_class ?? '',
      'kafka_dlt-original-topic': letter.original_topic ?? '',
    },
    payload: JSON.stringify({ operation_id: letter.operation_id, operation_type: letter.operation_type }),
    ...extra,
  };
}

export function addDeadLetters(...letters: DeadLetterDetail[]): DeadLetterDetail[] {
  db.deadLetters.push(...letters);
  return letters;
}

/** Moves a running redrive on, as the gateway's background job would. */
export function progressAction(
  auditId: number,
  {
    affected,
    skipped = {},
    finished = false,
  }: { affected: number; skipped?: Record<string, number>; finished?: boolean },
): void {
  const action = db.adminActions.get(auditId);
  if (!action) {
    throw new Error(`No admin action ${auditId}`);
  }
  action.affected = affected;
  action.detail = JSON.stringify({ skipped });
  if (finished) {
    action.finished_at = new Date().toISOString();
    for (const letter of db.deadLetters) {
      if (action.ids.includes(letter.dead_letter.id) && letter.dead_letter.operation_id) {
        letter.dead_letter.state = 'redriven';
      }
    }
  }
}
