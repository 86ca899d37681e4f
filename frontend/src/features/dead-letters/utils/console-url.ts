import { filterParams } from '../api/params';
import type { DeadLetterFilter, StateFilter } from '../api/types';

export const STATES: readonly StateFilter[] = ['open', 'resolved', 'redriven', 'discarded', 'all'];

export interface ConsoleView {
  /** Always has a state: open unless the URL says otherwise. */
  filter: DeadLetterFilter & { state: StateFilter };
  page: number;
}

/** The query parameters of the console's URL. */
export const CONSOLE_PARAMS = [
  'error_code',
  'exception_class',
  'operation_type',
  'since',
  'until',
  'state',
  'page',
] as const;

export type ConsoleSearch = Partial<Record<(typeof CONSOLE_PARAMS)[number], string>>;

function isState(value: string | undefined): value is StateFilter {
  return STATES.includes(value as StateFilter);
}

/** The console's filter and page live in the URL, so a filtered view can be shared and Back works. */
export function readConsoleView(search: ConsoleSearch): ConsoleView {
  const text = (name: keyof ConsoleSearch) => search[name]?.trim() || undefined;
  const state = search.state;
  const page = Number.parseInt(search.page ?? '', 10);
  return {
    filter: {
      error_code: text('error_code'),
      exception_class: text('exception_class'),
      operation_type: text('operation_type'),
      since: text('since'),
      until: text('until'),
      state: isState(state) ? state : 'open',
    },
    page: Number.isFinite(page) && page > 0 ? page : 0,
  };
}

export function consoleSearch(filter: DeadLetterFilter, page = 0): ConsoleSearch {
  const params = filterParams(filter);
  if (params.get('state') === 'open') {
    params.delete('state'); // the default: keep plain /admin plain
  }
  if (page > 0) {
    params.set('page', String(page));
  }
  return Object.fromEntries(params);
}

/** "error code AI_UNAVAILABLE, type question_generation": how the dialogs name the current filter. */
export function describeFilter(filter: DeadLetterFilter): string {
  const parts = [
    filter.error_code && `error code ${filter.error_code}`,
    filter.exception_class && `exception ${filter.exception_class}`,
    filter.operation_type && `type ${filter.operation_type}`,
    filter.since && `since ${new Date(filter.since).toLocaleString()}`,
    filter.until && `until ${new Date(filter.until).toLocaleString()}`,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : 'no filter (all of them)';
}
