import { api } from '@/lib/api-client';

import type { Operation } from './types';

/** 201 with a new operation, or 200 with the retry that an earlier click already created. */
export const retryOperation = (operationId: string) =>
  api.post<Operation>(`/api/v1/operations/${encodeURIComponent(operationId)}/retry`);

export const OPERATION_NOT_RETRYABLE = 'OPERATION_NOT_RETRYABLE';
