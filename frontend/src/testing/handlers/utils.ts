import { HttpResponse } from 'msw';

import type { components } from '@/lib/api/openapi';
import { CSRF_HEADER } from '@/lib/csrf';

import { db } from '../data';

type Problem = components['schemas']['Problem'];

/** A problem+json answer in the shape of the document's Problem. */
export function problem(status: number, detail: string, extra: Partial<Problem> = {}) {
  return HttpResponse.json<Problem>(
    {
      type: `https://rebound.example/problems/${status}`,
      title: status === 401 ? 'Unauthorized' : status === 404 ? 'Not Found' : 'Error',
      status,
      detail,
      ...extra,
    },
    { status, headers: { 'Content-Type': 'application/problem+json' } },
  );
}

/**
 * A 429 exactly as the gateway sends it (Problems.tooManyRequests): its stable type URI, the code, the seconds to wait
 * in the body and as Retry-After, plus whatever the limit adds (e.g. `limit`).
 */
export function tooManyRequests(
  code: string,
  detail: string,
  retryAfterSeconds: number,
  extra: Partial<Problem> = {},
) {
  return HttpResponse.json<Problem>(
    {
      type: `https://rebound.io/problems/${code.toLowerCase().replaceAll('_', '-')}`,
      title: 'Too Many Requests',
      status: 429,
      detail,
      code,
      retry_after_seconds: retryAfterSeconds,
      ...extra,
    },
    {
      status: 429,
      headers: { 'Content-Type': 'application/problem+json', 'Retry-After': String(retryAfterSeconds) },
    },
  );
}

/** 401 without a session, 403 when the CSRF header does not echo the cookie. */
export function guard(request: Request, { csrf = request.method !== 'GET' } = {}) {
  if (csrf && (!db.csrfToken || request.headers.get(CSRF_HEADER) !== db.csrfToken)) {
    return problem(403, 'Invalid CSRF token.');
  }
  if (!db.currentUser) {
    return problem(401, 'Sign in to continue.');
  }
  return null;
}

export async function record(request: Request): Promise<void> {
  const text = request.method === 'GET' ? '' : await request.clone().text();
  db.requests.push({
    method: request.method,
    path: new URL(request.url).pathname,
    body: text ? (JSON.parse(text) as unknown) : undefined,
    csrf: request.headers.get(CSRF_HEADER),
  });
}

/** Sets the XSRF-TOKEN cookie the way Spring's CookieCsrfTokenRepository would. */
export function issueCsrfToken(): string {
  const token = `csrf-${Math.random().toString(36).slice(2)}`;
  db.csrfToken = token;
  document.cookie = `XSRF-TOKEN=${token}; path=/`;
  return token;
}

/** guard() plus the ADMIN role: a 403 problem for everyone else, as the gateway answers. */
export function adminGuard(request: Request) {
  const denied = guard(request);
  if (denied) {
    return denied;
  }
  return db.currentUser?.roles.includes('ADMIN')
    ? null
    : problem(403, 'Admins only.', { title: 'Forbidden' });
}
