import type { DeadLetterFilter } from './types';

const FILTER_FIELDS = ['error_code', 'exception_class', 'operation_type', 'state', 'since', 'until'] as const;

/** The filter as query parameters, leaving out empty fields (the server reads "absent" as "any"). */
export function filterParams(filter: DeadLetterFilter): URLSearchParams {
  const params = new URLSearchParams();
  for (const field of FILTER_FIELDS) {
    const value = filter[field]?.trim();
    if (value) {
      params.set(field, value);
    }
  }
  return params;
}

/** The filter as an action body expects it: empty fields dropped. */
export function compactFilter(filter: DeadLetterFilter): DeadLetterFilter {
  return Object.fromEntries(filterParams(filter));
}
