import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

import { deadLetterKeys } from './query-keys';
import type { AdminOperationHistory } from './types';

/** Any user's retry chain, for the SRE (role ADMIN). */
export const getOperationHistory = (operationId: string, signal?: AbortSignal) =>
  api.get<AdminOperationHistory>(`/api/v1/admin/operations/${encodeURIComponent(operationId)}/history`, {
    signal,
  });

export const operationHistoryQueryOptions = (operationId: string) =>
  queryOptions({
    queryKey: deadLetterKeys.history(operationId),
    queryFn: ({ signal }) => getOperationHistory(operationId, signal),
  });

export function useOperationHistory(operationId: string, { enabled }: { enabled: boolean }) {
  return useQuery({ ...operationHistoryQueryOptions(operationId), enabled });
}
