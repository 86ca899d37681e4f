import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

import { upsertMessage, upsertOperation } from './cache';
import { sessionKeys } from './query-keys';
import type { AnswerAccepted } from './types';

export const submitAnswer = (sessionId: string, content: string) =>
  api.post<AnswerAccepted>(`/api/v1/sessions/${encodeURIComponent(sessionId)}/answers`, { content });

export function useSubmitAnswer(
  sessionId: string,
  { onSuccess }: { onSuccess?: (accepted: AnswerAccepted) => void } = {},
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (content: string) => submitAnswer(sessionId, content),
    onSuccess: async (accepted) => {
      upsertMessage(queryClient, sessionId, accepted.message);
      upsertOperation(queryClient, accepted.operation);
      onSuccess?.(accepted);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: sessionKeys.detail(sessionId) }),
        queryClient.invalidateQueries({ queryKey: sessionKeys.lists() }),
      ]);
    },
  });
}
