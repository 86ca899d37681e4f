import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import { isApiError } from '@/lib/api-error';

import { deadLetterKeys } from './query-keys';
import type { AdminAction } from './types';

export const ACTION_POLL_MS = 1_000;

export const getAdminAction = (auditId: number, signal?: AbortSignal) =>
  api.get<AdminAction>(`/api/v1/admin/dead-letters/actions/${encodeURIComponent(auditId)}`, { signal });

export const adminActionQueryOptions = (auditId: number) =>
  queryOptions({
    queryKey: deadLetterKeys.action(auditId),
    queryFn: ({ signal }) => getAdminAction(auditId, signal),
  });

/** An action's progress, asked for every second until it has finished (or cannot be found). */
export function useAdminAction(auditId: number) {
  return useQuery({
    ...adminActionQueryOptions(auditId),
    refetchInterval: (query) => {
      const { data, error } = query.state;
      const refused = isApiError(error) && error.status >= 400 && error.status < 500;
      return data?.finished_at || refused ? false : ACTION_POLL_MS;
    },
  });
}
