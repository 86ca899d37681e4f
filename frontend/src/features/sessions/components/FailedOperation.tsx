import { Check, ChevronDown, CircleAlert, Copy, RotateCcw, X } from 'lucide-react';
import { useEffect, useId, useState } from 'react';

import { Button } from '@/components/ui/Button';
import { splitErrorMessage } from '@/lib/error-message';
import { focusWhenReady } from '@/lib/focus';

import type { Operation } from '../api/types';
import { useDismissedFailure } from '../hooks/useDismissedFailures';
import { useRetryOperation } from '../hooks/useRetryOperation';
import { operationCard } from '../utils/conversation-focus';
import { canRetry, failureTitle } from '../utils/operation-text';

/**
 * A failed operation: the gateway's text, Retry as the main action only where the error code says retrying helps
 * (otherwise Dismiss), the operation id with a copy button where the text sends the person to support.
 */
export function FailedOperation({ operation }: { operation: Operation }) {
  const retry = useRetryOperation();
  const [dismissed, setDismissed] = useDismissedFailure(operation.id);
  const headingId = useId();
  const title = failureTitle(operation);
  const { what, action } = splitErrorMessage(operation.error_message);
  const retryHelps = operation.next_action === 'retry' || operation.next_action === 'wait_and_retry';
  const offerRetry = retryHelps && canRetry(operation);

  if (dismissed) {
    return (
      <div className="flex items-center justify-between gap-2 text-sm text-slate-600">
        <span className="flex items-center gap-2">
          <CircleAlert aria-hidden="true" className="size-4 shrink-0 text-red-600" />
          {title} (dismissed)
        </span>
        <Button
          variant="ghost"
          onClick={() => setDismissed(false)}
          icon={<ChevronDown aria-hidden="true" className="size-4" />}
        >
          Show details
        </Button>
      </div>
    );
  }

  return (
    <section
      aria-labelledby={headingId}
      className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900"
    >
      <h3 id={headingId} className="flex items-center gap-2 font-semibold">
        <CircleAlert aria-hidden="true" className="size-4 shrink-0 text-red-600" />
        {title}
      </h3>
      <p className="mt-1">{what}</p>
      {action && (
        <p className="mt-1">
          <strong className="font-semibold">What to do: </strong>
          <span>{action}</span>
        </p>
      )}
      {operation.contact_support && <OperationId id={operation.id} />}
      <div className="mt-2 flex flex-wrap items-center gap-3">
        {offerRetry && (
          <Button
            onClick={() =>
              retry.mutate(operation, {
                // The card stays (the retry takes its place): focus goes back to it, not to the page body.
                onSuccess: (created) => focusWhenReady(() => operationCard(created.id)),
              })
            }
            isLoading={retry.isPending}
            icon={<RotateCcw aria-hidden="true" className="size-4" />}
          >
            Retry
          </Button>
        )}
        {operation.retried_by_operation_id == null && (
          <Button
            variant={offerRetry ? 'ghost' : 'secondary'}
            onClick={() => setDismissed(true)}
            icon={<X aria-hidden="true" className="size-4" />}
          >
            Dismiss
          </Button>
        )}
        {operation.error_code && (
          <span className="font-mono text-xs text-red-700">Error code: {operation.error_code}</span>
        )}
      </div>
      {operation.retried_by_operation_id && (
        <p className="mt-2 text-xs text-slate-600">A retry has been requested…</p>
      )}
    </section>
  );
}

function OperationId({ id }: { id: string }) {
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const timer = window.setTimeout(() => setCopied(false), 2000);
    return () => window.clearTimeout(timer);
  }, [copied]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(id);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };

  return (
    <p className="mt-2 flex flex-wrap items-center gap-2">
      <span>Operation id:</span>
      <code className="rounded bg-white px-1 font-mono text-xs break-all text-slate-900 select-all">
        {id}
      </code>
      <Button
        variant="secondary"
        aria-label="Copy operation id"
        onClick={() => void copy()}
        icon={
          copied ? (
            <Check aria-hidden="true" className="size-4" />
          ) : (
            <Copy aria-hidden="true" className="size-4" />
          )
        }
      >
        {copied ? 'Copied' : 'Copy'}
      </Button>
      <span role="status" className="sr-only">
        {copied ? 'Operation id copied' : ''}
      </span>
    </p>
  );
}
