import type { QueryClient } from '@tanstack/react-query';

import { deadLetterKeys } from './query-keys';

/** After a redrive or discard: every list, summary and detail may show a changed state. */
export function invalidateDeadLetters(queryClient: QueryClient): Promise<unknown> {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: deadLetterKeys.lists() }),
    queryClient.invalidateQueries({ queryKey: deadLetterKeys.summaries() }),
    queryClient.invalidateQueries({ queryKey: deadLetterKeys.details() }),
  ]);
}
