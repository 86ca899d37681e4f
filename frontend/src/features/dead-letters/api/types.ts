import type { components } from '@/lib/api/openapi';

type Schemas = components['schemas'];

/** `resolved`: a later operation of its retry chain completed (the user's own Retry); nothing is left to do. */
export type DeadLetterState = components['schemas']['DeadLetter']['state'];
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

export type DeadLetter = Schemas['DeadLetter'];

export type DeadLetterDetail = Schemas['DeadLetterDetail'];

export type DeadLetterPage = Schemas['DeadLetterPage'];

export type DeadLetterGroup = Schemas['DeadLetterGroup'];

export type DeadLetterSummary = Schemas['DeadLetterSummary'];

/** What a dry run found for each matching dead letter. */
export type RedriveOutcome = 'would_redrive' | 'no_operation' | 'already_retried' | 'operation_not_failed';

/** Which dead letters to redrive: those matching a filter, or the open ones among some ids. */
export type RedriveTarget = { filter: DeadLetterFilter } | { ids: number[] };

export type RedriveRequest = RedriveTarget & {
  dry_run: boolean;
  max_records: number;
  rate_per_second: number;
};

export type RedrivePlan = Schemas['RedrivePlan'];

export type DiscardRequest = ({ filter: DeadLetterFilter } | { ids: number[] }) & { reason: string };

export type DiscardResult = Schemas['DiscardResult'];

/** A redrive or discard from the audit trail: its progress while it runs, its outcome afterwards. */
export type AdminAction = Schemas['AdminAction'];

/** One attempt of an operation, as the history shows it. */
export type HistoryAttempt = Schemas['Attempt'];

/** An operation of the retry chain the console shows. */
export type HistoryOperation = Schemas['Operation'];

/** `GET /api/v1/admin/operations/{id}/history`: the whole retry chain, oldest first, as the user's own history. */
export type AdminOperationHistory = Schemas['OperationHistory'];
