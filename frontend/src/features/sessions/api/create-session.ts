import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

import { sessionKeys } from './query-keys';
import type { SessionDetail } from './types';

export const createSession = (role: string) => api.post<SessionDetail>('/api/v1/sessions', { role });

export function useCreateSession({ onSuccess }: { onSuccess?: (session: SessionDetail) => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createSession,
    onSuccess: async (session) => {
      onSuccess?.(session);
      await queryClient.invalidateQueries({ queryKey: sessionKeys.lists() });
    },
  });
}
