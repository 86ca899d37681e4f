import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

import { upsertMessage, upsertOperation } from './cache';
import { sessionKeys } from './query-keys';
import type { AnswerAccepted } from './types';

export const submitAnswer = (sessionId: string, content: string) =>
  api.post<AnswerAccepted>(`/api/v1/sessions/${encodeURIComponent(sessionId)}/answers`, { content });

export function useSubmitAnswer(sessionId: string, { onSuccess }: { onSuccess?: () => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (content: string) => submitAnswer(sessionId, content),
    onSuccess: async ({ message, operation }) => {
      upsertMessage(queryClient, sessionId, message);
      upsertOperation(queryClient, operation);
      onSuccess?.();
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: sessionKeys.detail(sessionId) }),
        queryClient.invalidateQueries({ queryKey: sessionKeys.lists() }),
      ]);
    },
  });
}
