import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

import { invalidateDeadLetters } from './cache';
import { compactFilter } from './params';
import type { RedrivePlan, RedriveTarget } from './types';

export const DEFAULT_RATE_PER_SECOND = 10;
export const DEFAULT_MAX_RECORDS = 1_000;

export type RedriveInput = RedriveTarget & {
  ratePerSecond?: number;
  maxRecords?: number;
};

/** A dry run answers 200 with the outcomes; a real redrive answers 202 and runs in the background. */
export const redriveDeadLetters = (input: RedriveInput, dryRun: boolean) =>
  api.post<RedrivePlan>('/api/v1/admin/dead-letters/redrive', {
    ...('ids' in input ? { ids: input.ids } : { filter: compactFilter(input.filter) }),
    dry_run: dryRun,
    max_records: input.maxRecords ?? DEFAULT_MAX_RECORDS,
    rate_per_second: input.ratePerSecond ?? DEFAULT_RATE_PER_SECOND,
  });

/** What a redrive would do; changes nothing (the server only audits it). */
export function useRedriveDryRun() {
  return useMutation({
    mutationFn: (input: RedriveInput) => redriveDeadLetters(input, true),
    meta: { errorToast: false }, // the confirmation dialog shows the error
  });
}

export function useStartRedrive({ onStarted }: { onStarted?: (plan: RedrivePlan) => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: RedriveInput) => redriveDeadLetters(input, false),
    meta: { errorToast: false },
    onSuccess: async (plan) => {
      onStarted?.(plan);
      await invalidateDeadLetters(queryClient);
    },
  });
}
