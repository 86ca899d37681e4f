import type { DeadLetterFilter, StateFilter } from './types';

export const deadLetterKeys = {
  all: ['dead-letters'] as const,
  summaries: () => [...deadLetterKeys.all, 'summary'] as const,
  summary: (state: StateFilter) => [...deadLetterKeys.summaries(), state] as const,
  lists: () => [...deadLetterKeys.all, 'list'] as const,
  list: (filter: DeadLetterFilter, page: number, size: number) =>
    [...deadLetterKeys.lists(), { ...filter, page, size }] as const,
  details: () => [...deadLetterKeys.all, 'detail'] as const,
  detail: (id: number) => [...deadLetterKeys.details(), id] as const,
  histories: () => [...deadLetterKeys.all, 'history'] as const,
  history: (operationId: string) => [...deadLetterKeys.histories(), operationId] as const,
  actions: () => [...deadLetterKeys.all, 'action'] as const,
  action: (auditId: number) => [...deadLetterKeys.actions(), auditId] as const,
};
