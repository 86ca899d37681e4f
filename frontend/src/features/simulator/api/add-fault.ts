import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

import { simulatorKeys } from './query-keys';
import type { NewFault } from './types';

export const addFault = (fault: NewFault) => api.post<unknown>('/api/v1/dev/simulator/faults', fault);

export function useAddFault() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: addFault,
    onSettled: () => queryClient.invalidateQueries({ queryKey: simulatorKeys.state() }),
  });
}
