import { splitErrorMessage } from '@/lib/error-message';
import { OPERATION_TYPES } from '@/lib/operation-types';

import type { Operation } from '../api/types';

/**
 * "attempt 2 of 5": the number of attempts is the worker's retry policy, which it reports with its first status
 * event; until then (`max_attempts` null) only "attempt 2".
 */
export function attemptText(attempt: number, maxAttempts: number | null): string {
  return maxAttempts === null ? `attempt ${attempt}` : `attempt ${attempt} of ${maxAttempts}`;
}

export function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "Question", "Feedback" or "Model answer": what the operation produces. */
export function productName(operation: Pick<Operation, 'operation_type'>): string {
  return OPERATION_TYPES[operation.operation_type].product;
}

export function failureTitle(operation: Pick<Operation, 'operation_type'>): string {
  return OPERATION_TYPES[operation.operation_type].failureTitle;
}

/** The failed operation can be retried by the person, and no retry exists yet. */
export function canRetry(operation: Operation): boolean {
  return operation.status === 'failed' && operation.retried_by_operation_id == null;
}

export function isWaitingForRetry(operation: Operation): boolean {
  return (operation.status === 'processing' || operation.status === 'pending') && !!operation.next_retry_at;
}

/** Why the operation cannot start now and that it will start by itself, or null when it does not wait. */
export function waitingText(operation: Pick<Operation, 'waiting_reason'>): string | null {
  return operation.waiting_reason === 'ai_unavailable'
    ? 'The AI service is down; your request starts automatically when it is back.'
    : null;
}

/** "12 s", "2 min 5 s". */
export function formatDuration(seconds: number): string {
  if (seconds < 60) {
    return `${seconds} s`;
  }
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`;
}

/** A short sentence for screen readers when an operation changes state, or null for none. */
export function describeChange(operation: Operation, isNew: boolean): string | null {
  const product = productName(operation);
  const waiting = waitingText(operation);
  if (waiting) {
    return `${product}: ${waiting}`;
  }
  if (isWaitingForRetry(operation)) {
    return `${product}: ${attemptText(operation.attempt_count, operation.max_attempts)} failed, retrying shortly.`;
  }
  switch (operation.status) {
    case 'pending':
      return isNew ? `${product} requested, queued.` : null;
    case 'processing':
      return operation.attempt_count <= 1
        ? `Generating ${product.toLowerCase()}…`
        : `${product}: ${attemptText(operation.attempt_count, operation.max_attempts)} running.`;
    case 'completed':
      return OPERATION_TYPES[operation.operation_type].ready;
    case 'failed':
      return operation.retried_by_operation_id
        ? null
        : `${failureTitle(operation)}. ${splitErrorMessage(operation.error_message).what}`;
  }
}

/** Changes whenever something a person should hear about changes. */
export function announcementSignature(operation: Operation): string {
  return [
    operation.status,
    operation.attempt_count,
    operation.next_retry_at ? 'waiting' : '',
    operation.waiting_reason ?? '',
    operation.retried_by_operation_id ?? '',
  ].join('|');
}
