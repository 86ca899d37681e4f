import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import { isApiError } from '@/lib/api-error';

import { authKeys } from './query-keys';

export async function logout(): Promise<void> {
  try {
    await api.post<undefined>('/api/v1/auth/logout', undefined, { skipAuthRedirect: true });
  } catch (error) {
    if (!(isApiError(error) && error.status === 401)) {
      throw error; // a 401 means we are signed out already
    }
  }
}

export function useLogout({ onSuccess }: { onSuccess?: () => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: logout,
    onSuccess: () => {
      queryClient.clear();
      queryClient.setQueryData(authKeys.me(), null);
      onSuccess?.();
    },
  });
}
