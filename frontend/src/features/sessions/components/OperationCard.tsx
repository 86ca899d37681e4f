import { OPERATION_TYPES } from '@/lib/operation-types';

import type { Operation } from '../api/types';

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
  const type = OPERATION_TYPES[operation.operation_type];
  const Icon = type.icon;
  const showChain = operation.retry_count > 0 || operation.attempt_count > 1;

  return (
    <section
      aria-label={type.label}
      data-operation-chain={chain.map((link) => link.id).join(' ')}
      className="rounded-lg border border-slate-200 bg-white p-3 shadow-sm"
    >
      <p className="mb-1 flex items-center gap-2 text-xs font-semibold tracking-wide text-slate-500 uppercase">
        <Icon aria-hidden="true" className="size-4" />
        {type.request}
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
