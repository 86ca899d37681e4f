export type OperationStatus = 'pending' | 'processing' | 'completed' | 'failed';
export type OperationType = 'question_generation' | 'feedback_analysis';

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
}

export interface OperationWithAttempts extends Operation {
  attempts: Attempt[];
}

export interface OperationHistory {
  /** The whole retry chain, oldest first. */
  operations: OperationWithAttempts[];
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

export interface SessionDetail {
  id: string;
  role: string;
  created_at: string;
  messages: Message[];
  /** Oldest first, retries included. */
  operations: Operation[];
}

export interface AnswerAccepted {
  message: Message;
  operation: Operation;
}
