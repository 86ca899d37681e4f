import { ApiError, NETWORK_ERROR_CODE, type ProblemDetails } from './api-error';
import { CSRF_HEADER, readCsrfCookie } from './csrf';

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface RequestOptions {
  signal?: AbortSignal;
  /** Handle a 401 yourself (sign-in form, "who am I?") instead of being sent to sign-in. */
  skipAuthRedirect?: boolean;
}

interface CsrfResponse {
  token: string;
  header_name: string;
  parameter_name: string;
}

export const CSRF_ENDPOINT = '/api/v1/auth/csrf';

let unauthorizedHandler: (() => void) | null = null;

/** The app registers what a 401 means (clear the user, go to sign-in); lib stays feature-free. */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  unauthorizedHandler = handler;
}

function toUrl(path: string): string {
  // Absolute against the page origin: same-origin in the browser and resolvable in tests.
  return new URL(path, window.location.origin).toString();
}

/** GET /auth/csrf makes Spring set the XSRF-TOKEN cookie; the body is a fallback only. */
export async function fetchCsrfToken(signal?: AbortSignal): Promise<string> {
  const body = await request<CsrfResponse>('GET', CSRF_ENDPOINT, undefined, { signal });
  return readCsrfCookie() ?? body.token;
}

async function csrfTokenFor(method: Method, signal?: AbortSignal): Promise<string | null> {
  if (method === 'GET') {
    return null;
  }
  return readCsrfCookie() ?? (await fetchCsrfToken(signal));
}

async function parseError(response: Response): Promise<ApiError> {
  const contentType = response.headers.get('content-type') ?? '';
  if (contentType.includes('json')) {
    try {
      const problem = (await response.json()) as ProblemDetails;
      return new ApiError(
        response.status,
        { ...problem, status: response.status },
        response.headers.get('retry-after'),
      );
    } catch {
      // fall through to the generic error below
    }
  }
  return new ApiError(
    response.status,
    {
      title: response.statusText || 'Request failed',
      detail:
        response.status >= 500
          ? `The server had a problem (HTTP ${response.status}). Try again in a moment.`
          : `The request failed (HTTP ${response.status}).`,
    },
    response.headers.get('retry-after'),
  );
}

async function send(method: Method, path: string, body: unknown, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  const token = await csrfTokenFor(method, options.signal);
  if (token) {
    headers[CSRF_HEADER] = token;
  }
  try {
    return await fetch(toUrl(path), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') {
      throw error;
    }
    throw new ApiError(0, {
      title: 'Network error',
      code: NETWORK_ERROR_CODE,
      detail: "Can't reach Rebound. Check your connection and try again.",
    });
  }
}

export async function request<T>(
  method: Method,
  path: string,
  body?: unknown,
  options: RequestOptions = {},
): Promise<T> {
  let response = await send(method, path, body, options);
  if (response.status === 403 && method !== 'GET' && path !== CSRF_ENDPOINT) {
    // A stale CSRF token (it rotates at login) is rejected before the request runs:
    // fetch a fresh one and try exactly once more.
    await fetchCsrfToken(options.signal);
    response = await send(method, path, body, options);
  }
  if (!response.ok) {
    const error = await parseError(response);
    if (error.status === 401 && !options.skipAuthRedirect) {
      unauthorizedHandler?.();
    }
    throw error;
  }
  if (response.status === 204 || response.headers.get('content-length') === '0') {
    return undefined as T;
  }
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, undefined, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>('POST', path, body, options),
  put: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('PUT', path, body, options),
  delete: <T = void>(path: string, options?: RequestOptions) =>
    request<T>('DELETE', path, undefined, options),
};
