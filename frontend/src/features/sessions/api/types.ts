export type OperationStatus = 'pending' | 'processing' | 'completed' | 'failed';
export type OperationType = 'question_generation' | 'feedback_analysis';
export type NextAction = 'retry' | 'wait_and_retry' | 'rephrase' | 'ask_administrator' | 'contact_support';

export interface Operation {
  id: string;
  operation_type: OperationType;
  status: OperationStatus;
  session_id: string;
  message_id: string | null;
  parent_operation_id: string | null;
  retry_count: number;
  attempt_count: number;
  max_attempts: number;
  /** Set while the worker waits to try again automatically. */
  next_retry_at: string | null;
  last_attempt_error: string | null;
  error_code: string | null;
  /** "<what happened>. What to do: <action>" once the operation failed. */
  error_message: string | null;
  /** Once failed: what helps. Only `retry` and `wait_and_retry` mean pressing Retry can work. */
  next_action: NextAction | null;
  /** Once failed: the text sends the person to support, so the operation id goes beside it. */
  contact_support: boolean;
  result: string | null;
  retried_by_operation_id: string | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}

export interface Attempt {
  number: number;
  started_at: string;
  ended_at: string | null;
  outcome: 'succeeded' | 'failed';
  error_class: string | null;
  http_status: number | null;
  error_message: string | null;
  next_retry_at: string | null;
}

/** One operation of a retry chain with its attempts, as `GET /operations/{id}/history` nests them. */
export interface HistoryEntry {
  operation: Operation;
  attempts: Attempt[];
}

export interface OperationHistory {
  /** The whole retry chain, oldest first. */
  operations: HistoryEntry[];
}

export type MessageKind = 'question' | 'answer' | 'feedback';

export interface Message {
  id: string;
  kind: MessageKind;
  content: string;
  operation_id: string | null;
  reply_to_message_id: string | null;
  created_at: string;
}

export interface SessionSummary {
  id: string;
  role: string;
  created_at: string;
  message_count: number;
}

/** `GET /api/v1/sessions?page=&size=`: the user's sessions, newest first. */
export interface SessionPage {
  items: SessionSummary[];
  /** 0-based. */
  page: number;
  size: number;
  /** All of the user's sessions, on every page. */
  total: number;
}

export interface SessionDetail {
  id: string;
  role: string;
  created_at: string;
  /** The newest messages (at most 200 from the server), oldest first; plus any older ones loaded since. */
  messages: Message[];
  /** Oldest first, retries included: the ones that go with `messages`, and every one still running. */
  operations: Operation[];
  /** Messages older than the first of `messages` exist: `GET /api/v1/sessions/{id}/messages?before=`. */
  has_older_messages: boolean;
}

/** `GET /api/v1/sessions/{id}/messages?before=&limit=`: the messages just older than `before`. */
export interface MessagePage {
  /** Oldest first. */
  messages: Message[];
  operations: Operation[];
  has_older_messages: boolean;
}

export interface AnswerAccepted {
  message: Message;
  operation: Operation;
}
