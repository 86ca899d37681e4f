import { MutationCache, QueryCache, QueryClient, type DefaultOptions } from '@tanstack/react-query';

import { isApiError } from './api-error';
import { notifyError } from './notify';

export interface AppMeta extends Record<string, unknown> {
  /** false: the caller shows this error itself (inline or with its own toast). */
  errorToast?: boolean;
}

declare module '@tanstack/react-query' {
  interface Register {
    queryMeta: AppMeta;
    mutationMeta: AppMeta;
  }
}

function shouldRetryQuery(failureCount: number, error: unknown): boolean {
  if (isApiError(error) && error.status >= 400 && error.status < 500) {
    return false; // a 4xx will not get better by asking again
  }
  return failureCount < 2;
}

export const defaultQueryOptions: DefaultOptions = {
  queries: {
    retry: shouldRetryQuery,
    staleTime: 10_000,
  },
  mutations: {
    retry: false,
  },
};

export function createQueryClient(overrides: DefaultOptions = {}): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { ...defaultQueryOptions.queries, ...overrides.queries },
      mutations: { ...defaultQueryOptions.mutations, ...overrides.mutations },
    },
    queryCache: new QueryCache({
      onError: (error, query) => {
        // First loads show their error inline; only failed background refreshes toast.
        if (query.meta?.errorToast === false || query.state.data === undefined) {
          return;
        }
        notifyError(error);
      },
    }),
    mutationCache: new MutationCache({
      onError: (error, _variables, _context, mutation) => {
        if (mutation.meta?.errorToast === false) {
          return;
        }
        notifyError(error);
      },
    }),
  });
}
