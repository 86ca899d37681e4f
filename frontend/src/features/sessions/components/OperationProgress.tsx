import { CheckCircle2, Clock } from 'lucide-react';

import { Spinner } from '@/components/ui/Spinner';
import { toMillis } from '@/lib/time';

import type { Operation } from '../api/types';
import { isWaitingForRetry, maxAttempts } from '../utils/operation-text';

import { RetryCountdown } from './RetryCountdown';

/** The live state of an operation that has not failed: queued, generating, retrying or done. */
export function OperationProgress({ operation }: { operation: Operation }) {
  const retryAt = toMillis(operation.next_retry_at);

  if (isWaitingForRetry(operation) && retryAt !== null) {
    return (
      <div className="space-y-1 text-sm">
        <RetryCountdown
          key={retryAt}
          attempt={operation.attempt_count}
          maxAttempts={maxAttempts(operation)}
          nextRetryAt={retryAt}
        />
        {operation.last_attempt_error && (
          <p className="text-xs text-slate-600">Last error: {operation.last_attempt_error}</p>
        )}
      </div>
    );
  }

  switch (operation.status) {
    case 'pending':
      return (
        <p className="inline-flex items-center gap-2 text-sm text-slate-600">
          <Clock aria-hidden="true" className="size-4" />
          Queued
        </p>
      );
    case 'processing':
      return (
        <p className="inline-flex items-center gap-2 text-sm text-indigo-700">
          <Spinner />
          <span>
            Generating…
            {operation.attempt_count > 1 && (
              <span className="text-slate-600">
                {' '}
                (attempt {operation.attempt_count} of {maxAttempts(operation)})
              </span>
            )}
          </span>
        </p>
      );
    case 'completed':
      return (
        <p className="inline-flex items-center gap-2 text-sm text-emerald-700">
          <CheckCircle2 aria-hidden="true" className="size-4" />
          Done
        </p>
      );
    case 'failed':
      return null;
  }
}
