import { ChevronDown, ChevronRight } from 'lucide-react';
import { useId, useState } from 'react';

import { Button } from '@/components/ui/Button';
import { Spinner } from '@/components/ui/Spinner';
import { splitErrorMessage } from '@/lib/error-message';
import { formatTime } from '@/lib/time';

import { useOperationHistory } from '../api/get-operation-history';
import type { Attempt, HistoryEntry, Operation } from '../api/types';

function disclosureLabel(operation: Operation): string {
  return operation.retry_count > 0
    ? `Retry ${operation.retry_count} — previous attempts`
    : `Attempt details (${operation.attempt_count})`;
}

const OUTCOME_STYLE: Record<Attempt['outcome'], string> = {
  running: 'text-slate-600',
  succeeded: 'text-emerald-700',
  failed: 'text-red-700',
};

function AttemptRow({ attempt }: { attempt: Attempt }) {
  const cause = [attempt.http_status ? `HTTP ${attempt.http_status}` : null, attempt.error_class]
    .filter(Boolean)
    .join(' · ');
  return (
    <li className="text-xs text-slate-700">
      <span className="font-medium">Attempt {attempt.number}</span>{' '}
      <span className={OUTCOME_STYLE[attempt.outcome]}>{attempt.outcome}</span> at{' '}
      <time dateTime={attempt.started_at}>{formatTime(attempt.started_at)}</time>
      {cause && <span className="text-slate-500"> ({cause})</span>}
      {attempt.error_message && <span className="block pl-4 text-slate-600">{attempt.error_message}</span>}
    </li>
  );
}

function ChainEntry({ entry: { operation, attempts } }: { entry: HistoryEntry }) {
  const title = operation.retry_count > 0 ? `Retry ${operation.retry_count}` : 'Original request';
  return (
    <li className="rounded border border-slate-200 bg-white p-2">
      <p className="text-xs font-semibold text-slate-800">
        {title} · {operation.status} ·{' '}
        <time dateTime={operation.created_at}>{formatTime(operation.created_at)}</time>
      </p>
      {operation.status === 'failed' && operation.error_message && (
        <p className="text-xs text-red-800">{splitErrorMessage(operation.error_message).what}</p>
      )}
      {attempts.length > 0 ? (
        <ol className="mt-1 space-y-1">
          {attempts.map((attempt) => (
            <AttemptRow key={attempt.number} attempt={attempt} />
          ))}
        </ol>
      ) : (
        <p className="text-xs text-slate-500">No attempt recorded yet.</p>
      )}
    </li>
  );
}

/** "Retry 2 — previous attempts": the whole retry chain with each attempt, loaded on demand. */
export function RetryChain({ operation }: { operation: Operation }) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const history = useOperationHistory(operation.id, { enabled: open });

  return (
    <div className="mt-2">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((value) => !value)}
        className="inline-flex items-center gap-1 rounded text-xs font-medium text-slate-700 hover:text-slate-950 focus-visible:outline-2 focus-visible:outline-indigo-600"
      >
        {open ? (
          <ChevronDown aria-hidden="true" className="size-3.5" />
        ) : (
          <ChevronRight aria-hidden="true" className="size-3.5" />
        )}
        {disclosureLabel(operation)}
      </button>
      {open && (
        <div id={panelId} className="mt-2">
          {history.isPending && (
            <p className="inline-flex items-center gap-2 text-xs text-slate-600">
              <Spinner className="size-3" /> Loading previous attempts…
            </p>
          )}
          {history.isError && (
            <p className="flex items-center gap-2 text-xs text-red-800">
              Couldn't load previous attempts.
              <Button variant="ghost" className="px-2 py-1 text-xs" onClick={() => void history.refetch()}>
                Try again
              </Button>
            </p>
          )}
          {history.data && (
            <ol aria-label="Retry chain" className="space-y-2">
              {history.data.operations.map((entry) => (
                <ChainEntry key={entry.operation.id} entry={entry} />
              ))}
            </ol>
          )}
        </div>
      )}
    </div>
  );
}
