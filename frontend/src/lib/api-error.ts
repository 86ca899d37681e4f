/** RFC 9457 problem details as the gateway sends them (plus its stable `code`). */
export interface ProblemDetails {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  instance?: string;
  code?: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly detail: string | undefined;
  readonly code: string | undefined;
  readonly instance: string | undefined;

  constructor(status: number, problem: ProblemDetails) {
    super(problem.detail ?? problem.title ?? `Request failed with status ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.type = problem.type ?? 'about:blank';
    this.title = problem.title ?? 'Request failed';
    this.detail = problem.detail;
    this.code = problem.code;
    this.instance = problem.instance;
  }
}

export const NETWORK_ERROR_CODE = 'NETWORK_ERROR';

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
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
