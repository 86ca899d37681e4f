import { ChevronDown, ChevronRight } from 'lucide-react';
import { useId, useState } from 'react';

import { ErrorDisplay } from '@/components/common/ErrorDisplay';
import { Spinner } from '@/components/ui/Spinner';
import { errorMessage } from '@/lib/api-error';
import { formatDateTime } from '@/lib/time';

import { useOperationHistory } from '../api/get-operation-history';
import type { HistoryAttempt, HistoryOperation } from '../api/types';

const SOURCES: Record<string, string> = {
  manual: "the user's Retry",
  redrive: 'a redrive',
  api: 'the user',
  external: 'another service',
};

function entryTitle(operation: HistoryOperation, index: number): string {
  if (index === 0) {
    return `Original request, by ${SOURCES[operation.source] ?? operation.source}`;
  }
  return `Retry ${operation.retry_count}, by ${SOURCES[operation.source] ?? operation.source}`;
}

function attemptText(attempt: HistoryAttempt): string {
  if (attempt.outcome === 'succeeded') {
    return `Attempt ${attempt.number} succeeded`;
  }
  // The worker's message may name the status already ("… (HTTP 503)"): say it once.
  const status =
    attempt.http_status === null || attempt.error_message?.includes(`HTTP ${attempt.http_status}`)
      ? ''
      : ` (HTTP ${attempt.http_status})`;
  return `Attempt ${attempt.number} failed${attempt.error_message ? `: ${attempt.error_message}` : ''}${status}`;
}

/**
 * The retry chain of a dead letter's operation, loaded when the SRE opens it: each operation
 * (original, the user's retries, redrives) with its status and automatic attempts.
 */
export function OperationHistory({ operationId }: { operationId: string }) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const history = useOperationHistory(operationId, { enabled: open });
  const Icon = open ? ChevronDown : ChevronRight;

  return (
    <section aria-label="Operation history" className="space-y-2">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((value) => !value)}
        className="flex items-center gap-1 rounded text-sm font-semibold text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600"
      >
        <Icon aria-hidden="true" className="size-4" />
        The operation&apos;s history
      </button>
      <div id={panelId} hidden={!open}>
        {!open ? null : history.isPending ? (
          <p className="flex items-center gap-2 text-sm text-slate-600">
            <Spinner /> Loading the retry chain…
          </p>
        ) : history.isError ? (
          <ErrorDisplay
            title="Couldn't load the operation's history"
            message={errorMessage(history.error)}
            retry={{ onRetry: () => void history.refetch(), isPending: history.isFetching }}
          />
        ) : (
          <ol aria-label="Retry chain, oldest first" className="space-y-3 border-l-2 border-slate-200 pl-3">
            {history.data.operations.map(({ operation, attempts }, index) => (
              <li key={operation.id} className="space-y-1 text-sm">
                <p className="font-medium">
                  {entryTitle(operation, index)} · {operation.status}
                  {operation.id === operationId && (
                    <span className="ml-2 text-xs font-normal text-slate-600">(this dead letter)</span>
                  )}
                </p>
                <p className="text-xs text-slate-600">
                  <span className="font-mono">{operation.id}</span> · created{' '}
                  {formatDateTime(operation.created_at)}
                  {operation.finished_at && `, finished ${formatDateTime(operation.finished_at)}`}
                </p>
                {operation.error_code && (
                  <p className="text-xs">
                    <span className="font-mono">{operation.error_code}</span>
                    {operation.error_message && ` — ${operation.error_message}`}
                  </p>
                )}
                {attempts.length > 0 && (
                  <ul className="list-disc pl-5 text-xs text-slate-700">
                    {attempts.map((attempt) => (
                      <li key={attempt.number}>{attemptText(attempt)}</li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ol>
        )}
      </div>
    </section>
  );
}
