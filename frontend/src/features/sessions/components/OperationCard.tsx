import { Bot, MessageSquareText } from 'lucide-react';

import { ErrorDisplay } from '@/components/common/ErrorDisplay';

import type { Operation } from '../api/types';
import { useRetryOperation } from '../hooks/useRetryOperation';
import { canRetry, failureTitle, isQuestion } from '../utils/operation-text';

import { OperationProgress } from './OperationProgress';
import { RetryChain } from './RetryChain';

/** One AI request in the conversation, showing its live state until its message arrives. */
export function OperationCard({ operation }: { operation: Operation }) {
  const retry = useRetryOperation();
  const question = isQuestion(operation);
  const label = question ? 'Question request' : 'Feedback request';
  const showChain = operation.retry_count > 0 || operation.attempt_count > 1;

  return (
    <section aria-label={label} className="rounded-lg border border-slate-200 bg-white p-3 shadow-sm">
      <p className="mb-1 flex items-center gap-2 text-xs font-semibold tracking-wide text-slate-500 uppercase">
        {question ? (
          <Bot aria-hidden="true" className="size-4" />
        ) : (
          <MessageSquareText aria-hidden="true" className="size-4" />
        )}
        {question ? 'Next question' : 'Feedback on your answer'}
      </p>
      {operation.status === 'failed' ? (
        <>
          <ErrorDisplay
            title={failureTitle(operation)}
            message={operation.error_message}
            code={operation.error_code}
            {...(canRetry(operation) && {
              retry: { onRetry: () => retry.mutate(operation), isPending: retry.isPending },
            })}
          />
          {operation.retried_by_operation_id && (
            <p className="mt-2 text-xs text-slate-600">A retry has been requested…</p>
          )}
        </>
      ) : (
        <OperationProgress operation={operation} />
      )}
      {operation.status === 'completed' && operation.result && (
        <p className="mt-2 whitespace-pre-wrap text-slate-900">{operation.result}</p>
      )}
      {showChain && <RetryChain operation={operation} />}
    </section>
  );
}
