import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import { isApiError } from '@/lib/api-error';
import { focusWhenReady } from '@/lib/focus';

import { operationCard } from '../utils/conversation-focus';

import { upsertOperation } from './cache';
import { sessionKeys } from './query-keys';
import type { Operation } from './types';

export const askModelAnswer = (sessionId: string, questionId: string) =>
  api.post<Operation>(`/api/v1/sessions/${encodeURIComponent(sessionId)}/model-answers`, {
    question_id: questionId,
  });

/** Asks for a model answer to one question of the session; the gateway takes one per question. */
export function useAskModelAnswer(sessionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (questionId: string) => askModelAnswer(sessionId, questionId),
    onSuccess: async (operation) => {
      // Here, not in the button: the button goes as soon as its question has a model answer on the way, and a
      // mutate() callback of an unmounted component never runs.
      focusWhenReady(() => operationCard(operation.id));
      upsertOperation(queryClient, operation);
      await queryClient.invalidateQueries({ queryKey: sessionKeys.detail(sessionId) });
    },
    onError: async (error) => {
      // Asked for already (in another tab): the session shows that one once it is read again.
      if (isApiError(error) && error.code === 'MODEL_ANSWER_EXISTS') {
        await queryClient.invalidateQueries({ queryKey: sessionKeys.detail(sessionId) });
      }
    },
  });
}
