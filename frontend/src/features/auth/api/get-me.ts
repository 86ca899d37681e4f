import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import { isApiError } from '@/lib/api-error';

import { authKeys } from './query-keys';
import type { User } from './types';

/**
 * The signed-in user, or null when there is none: the gateway answers 204 No Content then (and 401 only for wrong
 * Basic credentials, which means signed out as well).
 */
export async function getMe(signal?: AbortSignal): Promise<User | null> {
  try {
    const user = await api.get<User | undefined>('/api/v1/auth/me', { signal, skipAuthRedirect: true });
    return user ?? null;
  } catch (error) {
    if (isApiError(error) && error.status === 401) {
      return null;
    }
    throw error;
  }
}

export const meQueryOptions = () =>
  queryOptions({
    queryKey: authKeys.me(),
    queryFn: ({ signal }) => getMe(signal),
    staleTime: 5 * 60_000,
    meta: { errorToast: false },
  });

export function useUser() {
  return useQuery(meQueryOptions());
}
