import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

import { deadLetterKeys } from './query-keys';
import type { DeadLetterSummary, StateFilter } from './types';

export const getDeadLetterSummary = (state: StateFilter, signal?: AbortSignal) =>
  api.get<DeadLetterSummary>(`/api/v1/admin/dead-letters/summary?state=${encodeURIComponent(state)}`, {
    signal,
  });

export const deadLetterSummaryQueryOptions = (state: StateFilter) =>
  queryOptions({
    queryKey: deadLetterKeys.summary(state),
    queryFn: ({ signal }) => getDeadLetterSummary(state, signal),
  });

export function useDeadLetterSummary(state: StateFilter = 'open') {
  return useQuery(deadLetterSummaryQueryOptions(state));
}
