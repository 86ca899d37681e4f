import { queryOptions } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

import { operationKeys } from './query-keys';
import type { Operation } from './types';

export const getOperation = (operationId: string, signal?: AbortSignal) =>
  api.get<Operation>(`/api/v1/operations/${encodeURIComponent(operationId)}`, { signal });

/** The cache entry that live events and retries keep up to date (`operationKeys.detail`). */
export const operationQueryOptions = (operationId: string) =>
  queryOptions({
    queryKey: operationKeys.detail(operationId),
    queryFn: ({ signal }) => getOperation(operationId, signal),
  });
