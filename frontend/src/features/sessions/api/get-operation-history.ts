import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

import { operationKeys } from './query-keys';
import type { OperationHistory } from './types';

export const getOperationHistory = (operationId: string, signal?: AbortSignal) =>
  api.get<OperationHistory>(`/api/v1/operations/${encodeURIComponent(operationId)}/history`, {
    signal,
  });

export const operationHistoryQueryOptions = (operationId: string) =>
  queryOptions({
    queryKey: operationKeys.history(operationId),
    queryFn: ({ signal }) => getOperationHistory(operationId, signal),
  });

export function useOperationHistory(operationId: string, { enabled }: { enabled: boolean }) {
  return useQuery({ ...operationHistoryQueryOptions(operationId), enabled });
}
