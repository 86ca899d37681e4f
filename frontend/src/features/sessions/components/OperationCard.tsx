import { Bot, MessageSquareText } from 'lucide-react';

import type { Operation } from '../api/types';
import { isQuestion } from '../utils/operation-text';

import { FailedOperation } from './FailedOperation';
import { OperationProgress } from './OperationProgress';
import { RetryChain } from './RetryChain';

/** One AI request in the conversation, showing its live state until its message arrives. */
export function OperationCard({
  operation,
  chain = [operation],
}: {
  operation: Operation;
  chain?: Operation[];
}) {
  const question = isQuestion(operation);
  const label = question ? 'Question request' : 'Feedback request';
  const showChain = operation.retry_count > 0 || operation.attempt_count > 1;

  return (
    <section
      aria-label={label}
      data-operation-chain={chain.map((link) => link.id).join(' ')}
      className="rounded-lg border border-slate-200 bg-white p-3 shadow-sm"
    >
      <p className="mb-1 flex items-center gap-2 text-xs font-semibold tracking-wide text-slate-500 uppercase">
        {question ? (
          <Bot aria-hidden="true" className="size-4" />
        ) : (
          <MessageSquareText aria-hidden="true" className="size-4" />
        )}
        {question ? 'Next question' : 'Feedback on your answer'}
      </p>
      {operation.status === 'failed' ? (
        <FailedOperation operation={operation} />
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
