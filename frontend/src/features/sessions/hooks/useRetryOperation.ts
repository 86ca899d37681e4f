import { useMutation, useQueryClient } from '@tanstack/react-query';
import toast from 'react-hot-toast';

import { isApiError } from '@/lib/api-error';
import { focusWhenReady } from '@/lib/focus';
import { notifyError } from '@/lib/notify';

import { upsertOperation } from '../api/cache';
import { operationKeys, sessionKeys } from '../api/query-keys';
import { retryOperation } from '../api/retry-operation';
import type { Operation } from '../api/types';
import { operationCard } from '../utils/conversation-focus';

import { retryToastId } from './useSettledRetryToasts';

/**
 * Retries a failed operation. The server creates a NEW operation linked to the failed one;
 * it takes the failed one's place in the conversation at once.
 */
export function useRetryOperation() {
  const queryClient = useQueryClient();

  return useMutation({
    mutationFn: (failed: Operation) => retryOperation(failed.id),
    meta: { errorToast: false }, // this hook toasts on both outcomes itself
    // Here, not in mutate()'s options: the failed card's buttons are gone by the time the retry is answered.
    onSuccess: async (retry, failed) => {
      upsertOperation(queryClient, retry);
      // The card stays (the retry takes its place in it): focus goes back to it, not to the page body.
      focusWhenReady(() => operationCard(failed.id));
      toast.success('Retrying…', { id: retryToastId(failed.id) });
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: operationKeys.detail(failed.id) }),
        queryClient.invalidateQueries({ queryKey: operationKeys.history(failed.id) }),
        failed.session_id &&
          queryClient.invalidateQueries({ queryKey: sessionKeys.detail(failed.session_id) }),
      ]);
    },
    onError: async (error, failed) => {
      notifyError(error);
      if (isApiError(error) && (error.status === 404 || error.status === 409) && failed.session_id) {
        // The operation is gone or no longer failed: show what the server has now.
        await queryClient.invalidateQueries({ queryKey: sessionKeys.detail(failed.session_id) });
      }
    },
  });
}
