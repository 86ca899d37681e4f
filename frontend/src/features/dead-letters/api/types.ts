/** `resolved`: a later operation of its retry chain completed (the user's own Retry); nothing is left to do. */
export type DeadLetterState = 'open' | 'redriven' | 'discarded' | 'resolved';
export type StateFilter = DeadLetterState | 'all';

/** Which dead letters an SRE means; every field is optional (the server treats a missing state as open). */
export interface DeadLetterFilter {
  error_code?: string;
  exception_class?: string;
  operation_type?: string;
  state?: StateFilter;
  /** ISO instant: dead-lettered at or after. */
  since?: string;
  /** ISO instant: dead-lettered before. */
  until?: string;
}

export interface DeadLetter {
  id: number;
  topic: string;
  partition: number;
  offset: number;
  operation_id: string | null;
  operation_type: string | null;
  error_code: string;
  exception_class: string | null;
  reason: string | null;
  original_topic: string | null;
  original_partition: number | null;
  original_offset: number | null;
  attempts: number | null;
  dead_lettered_at: string;
  state: DeadLetterState;
  state_changed_at: string | null;
  state_changed_by: string | null;
  state_reason: string | null;
  redrive_operation_id: string | null;
  /** The operation of the chain whose completion resolved it (state `resolved`). */
  resolved_by_operation_id: string | null;
}

export interface DeadLetterDetail {
  dead_letter: DeadLetter;
  key: string | null;
  exception_message: string | null;
  headers: Record<string, string>;
  /** UTF-8 text, or `base64:...` when the bytes are not readable text. */
  payload: string | null;
}

export interface DeadLetterPage {
  items: DeadLetter[];
  page: number;
  size: number;
  total: number;
}

export interface DeadLetterGroup {
  error_code: string;
  exception_class: string | null;
  operation_type: string | null;
  count: number;
  oldest: string | null;
  newest: string | null;
}

export interface DeadLetterSummary {
  total: number;
  groups: DeadLetterGroup[];
}

/** What a dry run found for each matching dead letter. */
export type RedriveOutcome = 'would_redrive' | 'no_operation' | 'already_retried' | 'operation_not_failed';

/** Which dead letters to redrive: those matching a filter, or the open ones among some ids. */
export type RedriveTarget = { filter: DeadLetterFilter } | { ids: number[] };

export type RedriveRequest = RedriveTarget & {
  dry_run: boolean;
  max_records: number;
  rate_per_second: number;
};

export interface RedrivePlan {
  audit_id: number;
  dry_run: boolean;
  matched: number;
  /** How many of the matched failed permanently: a redrive will most likely fail the same way. */
  permanent: number;
  /** Filled by a dry run only. */
  outcomes: Partial<Record<RedriveOutcome, number>>;
  rate_per_second: number;
}

export type DiscardRequest = ({ filter: DeadLetterFilter } | { ids: number[] }) & { reason: string };

export interface DiscardResult {
  audit_id: number;
  matched: number;
  discarded: number;
}

/** A redrive or discard from the audit trail: its progress while it runs, its outcome afterwards. */
export interface AdminAction {
  id: number;
  actor: string;
  /** REDRIVE or DISCARD. */
  action: string;
  /** The filter as a JSON string. */
  filter: string | null;
  dry_run: boolean;
  matched: number;
  affected: number;
  /** A JSON string `{"skipped":{"no_operation":1,...}}`, or null before the first record. */
  detail: string | null;
  created_at: string;
  /** Null while the action runs. */
  finished_at: string | null;
}

/** One attempt of an operation, as the history shows it. */
export interface HistoryAttempt {
  number: number;
  started_at: string;
  ended_at: string | null;
  outcome: 'succeeded' | 'failed';
  error_class: string | null;
  http_status: number | null;
  error_message: string | null;
  next_retry_at: string | null;
}

/** The fields of an operation the console shows in its retry chain. */
export interface HistoryOperation {
  id: string;
  operation_type: string;
  status: 'pending' | 'processing' | 'completed' | 'failed';
  source: string;
  retry_count: number;
  error_code: string | null;
  error_message: string | null;
  retried_by_operation_id: string | null;
  created_at: string;
  finished_at: string | null;
}

/** `GET /api/v1/admin/operations/{id}/history`: the whole retry chain, oldest first, as the user's own history. */
export interface AdminOperationHistory {
  operations: { operation: HistoryOperation; attempts: HistoryAttempt[] }[];
}
