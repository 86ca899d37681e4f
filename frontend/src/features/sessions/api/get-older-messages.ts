import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

import { withOlderMessages } from './cache';
import { sessionKeys } from './query-keys';
import type { MessagePage, SessionDetail } from './types';

/** Messages per "Show earlier messages"; the server allows 1..200. */
export const OLDER_MESSAGES_LIMIT = 100;

export const getOlderMessages = (
  sessionId: string,
  before: string,
  limit = OLDER_MESSAGES_LIMIT,
  signal?: AbortSignal,
) =>
  api.get<MessagePage>(
    `/api/v1/sessions/${encodeURIComponent(sessionId)}/messages?${new URLSearchParams({ before, limit: String(limit) })}`,
    { signal },
  );

/** Loads the messages before the first one shown and puts them, with their operations, into the session. */
export function useLoadOlderMessages(sessionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (before: string) => ({ before, page: await getOlderMessages(sessionId, before) }),
    meta: { errorToast: false }, // the session page shows why next to the button
    onSuccess: ({ before, page }) => {
      queryClient.setQueryData<SessionDetail>(sessionKeys.detail(sessionId), (session) =>
        session ? withOlderMessages(session, page, before) : session,
      );
    },
  });
}
