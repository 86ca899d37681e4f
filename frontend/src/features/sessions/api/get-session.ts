import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

import { keepOlderMessages } from './cache';
import { sessionKeys } from './query-keys';
import type { SessionDetail } from './types';

export const getSession = (sessionId: string, signal?: AbortSignal) =>
  api.get<SessionDetail>(`/api/v1/sessions/${encodeURIComponent(sessionId)}`, { signal });

export const sessionQueryOptions = (sessionId: string) =>
  queryOptions({
    queryKey: sessionKeys.detail(sessionId),
    // A refetch answers the newest messages only: earlier ones the user already loaded stay.
    queryFn: async ({ signal, client }) =>
      keepOlderMessages(
        client.getQueryData<SessionDetail>(sessionKeys.detail(sessionId)),
        await getSession(sessionId, signal),
      ),
  });

export function useSession(
  sessionId: string,
  { refetchInterval }: { refetchInterval?: (data: SessionDetail | undefined) => number | false } = {},
) {
  return useQuery({
    ...sessionQueryOptions(sessionId),
    refetchInterval: refetchInterval ? (query) => refetchInterval(query.state.data) : false,
  });
}
