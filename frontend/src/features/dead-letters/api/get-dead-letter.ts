import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

import { deadLetterKeys } from './query-keys';
import type { DeadLetterDetail } from './types';

export const getDeadLetter = (id: number, signal?: AbortSignal) =>
  api.get<DeadLetterDetail>(`/api/v1/admin/dead-letters/${encodeURIComponent(id)}`, { signal });

export const deadLetterQueryOptions = (id: number) =>
  queryOptions({
    queryKey: deadLetterKeys.detail(id),
    queryFn: ({ signal }) => getDeadLetter(id, signal),
  });

export function useDeadLetter(id: number) {
  return useQuery(deadLetterQueryOptions(id));
}
