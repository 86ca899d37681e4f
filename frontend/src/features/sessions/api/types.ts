import type { components } from '@/lib/api/openapi';

type Schemas = components['schemas'];

/** The gateway's shapes, generated from docs/openapi.json (`make api`): see Operation and the others there. */
export type Operation = Schemas['Operation'];
export type OperationStatus = Operation['status'];
export type OperationType = Operation['operation_type'];
/** Why an unfinished operation cannot start now: `ai_unavailable` while the workers' circuit breakers hold consumption. */
export type WaitingReason = NonNullable<Operation['waiting_reason']>;
/** Once failed: what helps. Only `retry` and `wait_and_retry` mean pressing Retry can work. */
export type NextAction = NonNullable<Operation['next_action']>;

export type Attempt = Schemas['Attempt'];

/** One operation of a retry chain with its attempts, as `GET /operations/{id}/history` nests them. */
export type HistoryEntry = Schemas['HistoryEntry'];

/** `GET /operations/{id}/history`: the whole retry chain, oldest first. */
export type OperationHistory = Schemas['OperationHistory'];

export type Message = Schemas['Message'];
export type MessageKind = Message['kind'];

export type SessionSummary = Schemas['SessionSummary'];

/** `GET /api/v1/sessions?page=&size=`: the user's sessions, newest first (page is 0-based). */
export type SessionPage = Schemas['SessionPage'];

/**
 * A session with its newest messages (at most 200 from the server), oldest first, plus any older ones loaded since;
 * its operations, retries included; `has_older_messages` says `GET /api/v1/sessions/{id}/messages?before=` has more.
 */
export type SessionDetail = Schemas['SessionDetail'];

/** `GET /api/v1/sessions/{id}/messages?before=&limit=`: the messages just older than `before`. */
export type MessagePage = Schemas['MessagePage'];

export type AnswerAccepted = Schemas['AnswerAccepted'];
