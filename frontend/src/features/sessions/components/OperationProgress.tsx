import { CheckCircle2, Clock, PauseCircle } from 'lucide-react';

import { Spinner } from '@/components/ui/Spinner';
import { toMillis } from '@/lib/time';

import type { Operation } from '../api/types';
import { useElapsed } from '../hooks/useElapsed';
import {
  attemptText,
  capitalized,
  formatDuration,
  isWaitingForRetry,
  waitingText,
} from '../utils/operation-text';

import { RetryCountdown } from './RetryCountdown';

/** The live state of an operation that has not failed: queued, waiting for the AI, calling it, retrying or done. */
export function OperationProgress({ operation }: { operation: Operation }) {
  const retryAt = toMillis(operation.next_retry_at);
  const waiting = waitingText(operation);

  if (waiting) {
    return <WaitingForAi operation={operation} text={waiting} />;
  }

  if (isWaitingForRetry(operation) && retryAt !== null) {
    return (
      <div className="space-y-1 text-sm">
        <RetryCountdown
          key={retryAt}
          attempt={operation.attempt_count}
          maxAttempts={operation.max_attempts}
          nextRetryAt={retryAt}
        />
        <LastError operation={operation} />
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
            <CallInProgress startedAt={toMillis(operation.attempt_started_at)} />
            {operation.attempt_count > 1 && (
              <span className="text-slate-600">
                {' '}
                ({attemptText(operation.attempt_count, operation.max_attempts)})
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

function CallInProgress({ startedAt }: { startedAt: number | null }) {
  return startedAt === null ? <>Generating…</> : <Elapsed key={startedAt} startedAt={startedAt} />;
}

/** "Calling the AI… 12 s", ticking each second. */
function Elapsed({ startedAt }: { startedAt: number }) {
  const seconds = useElapsed(startedAt);
  return <>Calling the AI… {formatDuration(seconds)}</>;
}

/** Held by the circuit breaker: why it waits, that it starts by itself, and for how long it has waited. */
function WaitingForAi({ operation, text }: { operation: Operation; text: string }) {
  const since = toMillis(operation.waiting_since);
  return (
    <div className="space-y-1 text-sm">
      <p className="inline-flex items-center gap-2 text-amber-800">
        <PauseCircle aria-hidden="true" className="size-4 shrink-0" />
        <span>{text}</span>
      </p>
      {since !== null && <WaitingFor key={since} since={since} />}
      {operation.attempt_count > 0 && (
        <p className="text-xs text-slate-600">
          {capitalized(attemptText(operation.attempt_count, operation.max_attempts))} failed.
        </p>
      )}
      <LastError operation={operation} />
    </div>
  );
}

function WaitingFor({ since }: { since: number }) {
  const seconds = useElapsed(since);
  return <p className="text-xs text-slate-600">Waiting for {formatDuration(seconds)}</p>;
}

function LastError({ operation }: { operation: Operation }) {
  return operation.last_attempt_error ? (
    <p className="text-xs text-slate-600">Last error: {operation.last_attempt_error}</p>
  ) : null;
}
