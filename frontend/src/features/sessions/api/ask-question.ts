import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

import { upsertOperation } from './cache';
import { sessionKeys } from './query-keys';
import type { Operation } from './types';

export const askQuestion = (sessionId: string) =>
  api.post<Operation>(`/api/v1/sessions/${encodeURIComponent(sessionId)}/questions`);

export function useAskQuestion(sessionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => askQuestion(sessionId),
    meta: { errorToast: false }, // the session page shows why next to the button
    onSuccess: async (operation) => {
      upsertOperation(queryClient, operation);
      await queryClient.invalidateQueries({ queryKey: sessionKeys.detail(sessionId) });
    },
  });
}
