import { Check, ChevronDown, CircleAlert, Copy, X } from 'lucide-react';
import { useEffect, useState } from 'react';

import { ErrorDisplay } from '@/components/common/ErrorDisplay';
import { Button } from '@/components/ui/Button';

import type { Operation } from '../api/types';
import { useDismissedFailure } from '../hooks/useDismissedFailures';
import { useRetryOperation } from '../hooks/useRetryOperation';
import { canRetry, failureTitle } from '../utils/operation-text';

/**
 * A failed operation: the gateway's text, Retry as the main action only where the error code says retrying helps
 * (otherwise Dismiss), the operation id with a copy button where the text sends the person to support.
 */
export function FailedOperation({ operation }: { operation: Operation }) {
  const retry = useRetryOperation();
  const [dismissed, setDismissed] = useDismissedFailure(operation.id);
  const title = failureTitle(operation);
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
    <ErrorDisplay
      title={title}
      message={operation.error_message}
      code={operation.error_code}
      {...(offerRetry && {
        retry: {
          onRetry: () => retry.mutate(operation),
          isPending: retry.isPending,
        },
      })}
      details={operation.contact_support && <OperationId id={operation.id} />}
      actions={
        operation.retried_by_operation_id == null && (
          <Button
            variant={offerRetry ? 'ghost' : 'secondary'}
            onClick={() => setDismissed(true)}
            icon={<X aria-hidden="true" className="size-4" />}
          >
            Dismiss
          </Button>
        )
      }
      footer={
        operation.retried_by_operation_id && (
          <p className="mt-2 text-xs text-slate-600">A retry has been requested…</p>
        )
      }
    />
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
