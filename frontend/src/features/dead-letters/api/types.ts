export type DeadLetterState = 'open' | 'redriven' | 'discarded';
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

export interface RedriveRequest {
  filter: DeadLetterFilter;
  dry_run: boolean;
  max_records: number;
  rate_per_second: number;
}

export interface RedrivePlan {
  audit_id: number;
  dry_run: boolean;
  matched: number;
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
