import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { server } from '@/testing/server';

import { api, setUnauthorizedHandler } from './api-client';
import { ApiError, isTooManyRequests } from './api-error';

describe('api client', () => {
  afterEach(() => setUnauthorizedHandler(null));

  it('turns problem+json into a typed ApiError', async () => {
    server.use(
      http.get('*/api/v1/thing', () =>
        HttpResponse.json(
          {
            type: 'https://rebound.example/problems/not-retryable',
            title: 'Conflict',
            status: 409,
            detail: 'Only a failed operation can be retried.',
            code: 'OPERATION_NOT_RETRYABLE',
          },
          { status: 409, headers: { 'Content-Type': 'application/problem+json' } },
        ),
      ),
    );

    const error = await api.get('/api/v1/thing').catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 409,
      code: 'OPERATION_NOT_RETRYABLE',
      title: 'Conflict',
      detail: 'Only a failed operation can be retried.',
      type: 'https://rebound.example/problems/not-retryable',
    });
  });

  it('keeps how long a 429 says to wait, from Retry-After', async () => {
    server.use(
      http.post('*/api/v1/thing', () =>
        HttpResponse.json(
          {
            type: 'https://rebound.io/problems/operation-rate-limited',
            title: 'Too Many Requests',
            status: 429,
            detail: 'You started 120 AI requests within the last minute, the most one person may start.',
            code: 'OPERATION_RATE_LIMITED',
            retry_after_seconds: 17,
            limit: 120,
          },
          {
            status: 429,
            headers: { 'Content-Type': 'application/problem+json', 'Retry-After': '17' },
          },
        ),
      ),
    );

    const error = await api.post('/api/v1/thing').catch((caught: unknown) => caught);

    expect(isTooManyRequests(error)).toBe(true);
    expect(error).toMatchObject({ status: 429, code: 'OPERATION_RATE_LIMITED', retryAfterSeconds: 17 });
  });

  it('describes a non-JSON server error in words', async () => {
    server.use(
      http.get('*/api/v1/thing', () => new HttpResponse('<html>Bad gateway</html>', { status: 502 })),
    );

    await expect(api.get('/api/v1/thing')).rejects.toMatchObject({
      status: 502,
      detail: 'The server had a problem (HTTP 502). Try again in a moment.',
    });
  });

  it('sends a 401 to the sign-in handler unless the caller handles it', async () => {
    const onUnauthorized = vi.fn();
    setUnauthorizedHandler(onUnauthorized);
    server.use(http.get('*/api/v1/thing', () => HttpResponse.json({ status: 401 }, { status: 401 })));

    await expect(api.get('/api/v1/thing')).rejects.toMatchObject({ status: 401 });
    expect(onUnauthorized).toHaveBeenCalledTimes(1);

    await expect(api.get('/api/v1/thing', { skipAuthRedirect: true })).rejects.toMatchObject({ status: 401 });
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it('echoes the current XSRF-TOKEN cookie on mutating requests, read afresh each time', async () => {
    const seen: (string | null)[] = [];
    server.use(
      http.post('*/api/v1/thing', ({ request }) => {
        seen.push(request.headers.get('X-XSRF-TOKEN'));
        return new HttpResponse(null, { status: 204 });
      }),
    );

    document.cookie = 'XSRF-TOKEN=first; path=/';
    await api.post('/api/v1/thing', { a: 1 });
    document.cookie = 'XSRF-TOKEN=rotated; path=/';
    await api.post('/api/v1/thing', { a: 2 });

    expect(seen).toEqual(['first', 'rotated']);
  });

  it('fetches a CSRF token first when there is no cookie yet', async () => {
    const seen: (string | null)[] = [];
    server.use(
      http.post('*/api/v1/thing', ({ request }) => {
        seen.push(request.headers.get('X-XSRF-TOKEN'));
        return HttpResponse.json({ ok: true });
      }),
    );

    await expect(api.post('/api/v1/thing')).resolves.toEqual({ ok: true });

    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatch(/^csrf-/);
  });
});
