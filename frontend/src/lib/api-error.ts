/** RFC 9457 problem details as the gateway sends them (plus its stable `code`). */
export interface ProblemDetails {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  instance?: string;
  code?: string;
  /** On a 429: whole seconds until asking again makes sense (the gateway also sends it as Retry-After). */
  retry_after_seconds?: number;
  /** On a 429 for a per-user limit: the configured limit that was reached. */
  limit?: number;
}

export class ApiError extends Error {
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly detail: string | undefined;
  readonly code: string | undefined;
  readonly instance: string | undefined;
  /** When the server said how long to wait (429, 503): the Retry-After header, else the problem's field. */
  readonly retryAfterSeconds: number | undefined;

  constructor(status: number, problem: ProblemDetails, retryAfterHeader?: string | null) {
    super(problem.detail ?? problem.title ?? `Request failed with status ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.type = problem.type ?? 'about:blank';
    this.title = problem.title ?? 'Request failed';
    this.detail = problem.detail;
    this.code = problem.code;
    this.instance = problem.instance;
    this.retryAfterSeconds = parseRetryAfter(retryAfterHeader) ?? problem.retry_after_seconds;
  }
}

/** Retry-After in its delta-seconds form, the only one the gateway sends. */
function parseRetryAfter(header: string | null | undefined): number | undefined {
  if (!header || !/^\d+$/.test(header.trim())) {
    return undefined;
  }
  return Number(header.trim());
}

export const NETWORK_ERROR_CODE = 'NETWORK_ERROR';

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** The server refused for now (a per-user limit, sign-in throttling): waiting helps, retrying at once does not. */
export function isTooManyRequests(error: unknown): error is ApiError {
  return isApiError(error) && error.status === 429;
}

/** The sentence to show a person for any error: the problem's detail when there is one. */
export function errorMessage(error: unknown): string {
  if (isApiError(error)) {
    return error.detail ?? error.title;
  }
  if (error instanceof Error && error.message) {
    return error.message;
  }
  return 'Something went wrong. Try again in a moment.';
}
