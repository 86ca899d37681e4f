import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

import { simulatorKeys } from './query-keys';

export const clearFaults = () => api.delete('/api/v1/dev/simulator/faults');

export function useClearFaults() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: clearFaults,
    onSettled: () => queryClient.invalidateQueries({ queryKey: simulatorKeys.state() }),
  });
}
