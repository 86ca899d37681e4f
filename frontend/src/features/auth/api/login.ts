import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api, fetchCsrfToken } from '@/lib/api-client';

import { authKeys } from './query-keys';
import type { Credentials, User } from './types';

export async function login(credentials: Credentials): Promise<User> {
  // Ask for a fresh CSRF token first: the cookie is what the POST must echo back.
  await fetchCsrfToken();
  return api.post<User>('/api/v1/auth/login', credentials, { skipAuthRedirect: true });
}

export function useLogin({ onSuccess }: { onSuccess?: (user: User) => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: login,
    meta: { errorToast: false }, // the form shows the message next to the fields
    onSuccess: (user) => {
      // A different person may have signed in: drop everything cached for the previous one.
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== authKeys.all[0] });
      queryClient.setQueryData(authKeys.me(), user);
      onSuccess?.(user);
    },
  });
}
