import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

import { invalidateDeadLetters } from './cache';
import { compactFilter } from './params';
import type { DiscardRequest, DiscardResult } from './types';

export const discardDeadLetters = (request: DiscardRequest) =>
  api.post<DiscardResult>(
    '/api/v1/admin/dead-letters/discard',
    'filter' in request ? { ...request, filter: compactFilter(request.filter) } : request,
  );

export function useDiscardDeadLetters({ onSuccess }: { onSuccess?: (result: DiscardResult) => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: discardDeadLetters,
    meta: { errorToast: false }, // the dialog shows the problem next to the reason
    onSuccess: async (result) => {
      onSuccess?.(result);
      await invalidateDeadLetters(queryClient);
    },
  });
}
