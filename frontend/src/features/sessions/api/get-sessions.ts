import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

import { sessionKeys } from './query-keys';
import type { SessionPage } from './types';

/** Sessions per page; the server allows 1..100 and answers 400 past that. */
export const SESSIONS_PAGE_SIZE = 20;

export const getSessions = (
  { page, size = SESSIONS_PAGE_SIZE }: { page: number; size?: number },
  signal?: AbortSignal,
) =>
  api.get<SessionPage>(
    `/api/v1/sessions?${new URLSearchParams({ page: String(page), size: String(size) })}`,
    {
      signal,
    },
  );

/** The next page's number, or undefined once every session has been fetched. */
export function nextSessionsPage(last: SessionPage): number | undefined {
  return last.items.length > 0 && (last.page + 1) * last.size < last.total ? last.page + 1 : undefined;
}

/** Every page so far, newest first; a session that moved to the next page while paging is listed once. */
export function loadedSessions(pages: SessionPage[]) {
  const seen = new Set<string>();
  return pages
    .flatMap((page) => page.items)
    .filter((session) => !seen.has(session.id) && Boolean(seen.add(session.id)));
}

export const sessionsQueryOptions = () =>
  infiniteQueryOptions({
    queryKey: sessionKeys.lists(),
    queryFn: ({ pageParam, signal }) => getSessions({ page: pageParam }, signal),
    initialPageParam: 0,
    getNextPageParam: nextSessionsPage,
  });

export function useSessions() {
  return useInfiniteQuery(sessionsQueryOptions());
}
