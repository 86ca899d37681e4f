import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import { isApiError } from '@/lib/api-error';

import { simulatorKeys } from './query-keys';
import type { SimulatorState } from './types';

/** The simulator's state, or null where it does not exist (404: not the local profile). */
export async function getSimulator(signal?: AbortSignal): Promise<SimulatorState | null> {
  try {
    const state = await api.get<SimulatorState | null>('/api/v1/dev/simulator', { signal });
    return { faults: state?.faults ?? [] };
  } catch (error) {
    if (isApiError(error) && (error.status === 404 || error.status === 403)) {
      return null;
    }
    throw error;
  }
}

export const simulatorQueryOptions = () =>
  queryOptions({
    queryKey: simulatorKeys.state(),
    queryFn: ({ signal }) => getSimulator(signal),
    retry: false,
    meta: { errorToast: false },
  });

export function useSimulator() {
  return useQuery({
    ...simulatorQueryOptions(),
    // Counted faults are used up by operations: keep the list honest while any is left.
    refetchInterval: (query) =>
      query.state.data?.faults.some((fault) => fault.times != null) ? 3_000 : false,
  });
}
