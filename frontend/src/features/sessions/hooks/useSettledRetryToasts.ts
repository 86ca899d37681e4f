import { useEffect } from 'react';
import toast from 'react-hot-toast';

import { isTerminal } from '../api/cache';
import type { Operation } from '../api/types';

/** The toast id useRetryOperation shows "Retrying…" under, for the failed operation it retried. */
export const retryToastId = (failedOperationId: string) => `retry-${failedOperationId}`;

/**
 * Takes "Retrying…" away as soon as the retry has an outcome: the card shows the answer or the
 * new failure by then, and a toast still saying "Retrying…" beside it would be stale.
 */
export function useSettledRetryToasts(operations: Operation[] | undefined): void {
  useEffect(() => {
    for (const operation of operations ?? []) {
      if (operation.parent_operation_id && isTerminal(operation)) {
        toast.dismiss(retryToastId(operation.parent_operation_id));
      }
    }
  }, [operations]);
}
