import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

import { filterParams } from './params';
import { deadLetterKeys } from './query-keys';
import type { DeadLetterFilter, DeadLetterPage } from './types';

export const PAGE_SIZE = 50;

export function getDeadLetters(filter: DeadLetterFilter, page: number, size: number, signal?: AbortSignal) {
  const params = filterParams(filter);
  params.set('page', String(page));
  params.set('size', String(size));
  return api.get<DeadLetterPage>(`/api/v1/admin/dead-letters?${params.toString()}`, { signal });
}

export const deadLettersQueryOptions = (filter: DeadLetterFilter, page: number, size = PAGE_SIZE) =>
  queryOptions({
    queryKey: deadLetterKeys.list(filter, page, size),
    queryFn: ({ signal }) => getDeadLetters(filter, page, size, signal),
  });

export function useDeadLetters(filter: DeadLetterFilter, page: number) {
  // Paging and re-filtering keep the old rows on screen until the new ones arrive.
  return useQuery({ ...deadLettersQueryOptions(filter, page), placeholderData: keepPreviousData });
}

/** How many dead letters match, from a one-row page (there is no separate count endpoint). */
export function useDeadLetterCount(filter: DeadLetterFilter, { enabled = true } = {}) {
  return useQuery({
    ...deadLettersQueryOptions(filter, 0, 1),
    select: (page) => page.total,
    enabled,
  });
}
