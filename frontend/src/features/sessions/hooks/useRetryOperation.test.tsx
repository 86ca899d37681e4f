import { act, renderHook, screen, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';

import { addSession, buildOperation, buildSession, db, FAILED_MESSAGE, signInAs } from '@/testing/data';
import { createTestQueryClient, Providers } from '@/testing/test-utils';

import { operationKeys, sessionKeys } from '../api/query-keys';
import type { Operation, SessionDetail } from '../api/types';

import { useRetryOperation } from './useRetryOperation';

function setup(failed: Partial<Operation>) {
  signInAs();
  const session = addSession(buildSession({ id: 'session-7' }));
  const operation = buildOperation({
    session_id: session.id,
    status: 'failed',
    error_message: FAILED_MESSAGE,
    ...failed,
  });
  session.operations.push(operation);

  const queryClient = createTestQueryClient();
  queryClient.setQueryData(sessionKeys.detail(session.id), structuredClone(session));
  const invalidateQueries = vi.spyOn(queryClient, 'invalidateQueries');
  const wrapper = ({ children }: { children: ReactNode }) => (
    <Providers queryClient={queryClient}>{children}</Providers>
  );
  const hook = renderHook(() => useRetryOperation(), { wrapper });
  return { ...hook, queryClient, invalidateQueries, operation, session };
}

describe('useRetryOperation', () => {
  it('creates the retry, puts it in place of the failed operation and invalidates exactly its keys', async () => {
    const { result, queryClient, invalidateQueries, operation, session } = setup({});

    act(() => result.current.mutate(operation));
    await waitFor(() => expect(result.current.isSuccess).toBe(true));

    expect(db.requests).toContainEqual(
      expect.objectContaining({ method: 'POST', path: `/api/v1/operations/${operation.id}/retry` }),
    );
    const retry = result.current.data;
    expect(retry).toMatchObject({ parent_operation_id: operation.id, retry_count: 1, status: 'pending' });
    expect(queryClient.getQueryData(operationKeys.detail(retry?.id ?? ''))).toEqual(retry);
    const cached = queryClient.getQueryData<SessionDetail>(sessionKeys.detail(session.id));
    expect(cached?.operations.find((op) => op.id === operation.id)?.retried_by_operation_id).toBe(retry?.id);

    expect(invalidateQueries.mock.calls.map(([filters]) => filters?.queryKey)).toEqual([
      operationKeys.detail(operation.id),
      operationKeys.history(operation.id),
      sessionKeys.detail(session.id),
    ]);
    expect(await screen.findByText('Retrying…')).toBeInTheDocument();
  });

  it('shows the problem detail in a toast when the server refuses the retry', async () => {
    // The server already moved on: the operation is not failed any more.
    const { result, operation } = setup({});
    db.sessions.get('session-7')?.operations.splice(0, 1, { ...operation, status: 'processing' });

    act(() => result.current.mutate(operation));
    await waitFor(() => expect(result.current.isError).toBe(true));

    expect(result.current.error).toMatchObject({ status: 409, code: 'OPERATION_NOT_RETRYABLE' });
    expect(await screen.findByText('Only a failed operation can be retried.')).toBeInTheDocument();
    expect(screen.queryByText('Retrying…')).not.toBeInTheDocument();
  });
});
