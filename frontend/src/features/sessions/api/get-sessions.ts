import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

import { sessionKeys } from './query-keys';
import type { SessionSummary } from './types';

export const getSessions = (signal?: AbortSignal) =>
  api.get<SessionSummary[]>('/api/v1/sessions', { signal });

export const sessionsQueryOptions = () =>
  queryOptions({
    queryKey: sessionKeys.lists(),
    queryFn: ({ signal }) => getSessions(signal),
  });

export function useSessions() {
  return useQuery(sessionsQueryOptions());
}
