export const sessionKeys = {
  all: ['sessions'] as const,
  lists: () => [...sessionKeys.all, 'list'] as const,
  details: () => [...sessionKeys.all, 'detail'] as const,
  detail: (sessionId: string) => [...sessionKeys.details(), sessionId] as const,
};

export const operationKeys = {
  all: ['operations'] as const,
  details: () => [...operationKeys.all, 'detail'] as const,
  detail: (operationId: string) => [...operationKeys.details(), operationId] as const,
  histories: () => [...operationKeys.all, 'history'] as const,
  history: (operationId: string) => [...operationKeys.histories(), operationId] as const,
};
