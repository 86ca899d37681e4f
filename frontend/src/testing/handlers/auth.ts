import { http, HttpResponse } from 'msw';

import { CSRF_HEADER } from '@/lib/csrf';

import { db, PASSWORD, users } from '../data';

import { answer } from './answer';
import { guard, issueCsrfToken, problem, record } from './utils';

export const authHandlers = [
  http.get('*/api/v1/auth/csrf', () => {
    // The token travels in the XSRF-TOKEN cookie; the body names the cookie and the header to echo it in.
    issueCsrfToken();
    return answer('/api/v1/auth/csrf', 'get', 200, { cookie_name: 'XSRF-TOKEN', header_name: CSRF_HEADER });
  }),

  http.post('*/api/v1/auth/login', async ({ request }) => {
    await record(request);
    const forbidden = guard(request);
    if (forbidden && forbidden.status === 403) {
      return forbidden;
    }
    const { email, password } = (await request.json()) as { email: string; password: string };
    const user = users[email];
    if (!user || password !== PASSWORD) {
      return problem(401, 'Wrong email or password.', { code: 'BAD_CREDENTIALS' });
    }
    db.currentUser = user;
    issueCsrfToken(); // Spring rotates the token at login
    return answer('/api/v1/auth/login', 'post', 200, user);
  }),

  http.post('*/api/v1/auth/logout', async ({ request }) => {
    await record(request);
    db.currentUser = null;
    return new HttpResponse(null, { status: 204 });
  }),

  http.get('*/api/v1/auth/me', () =>
    db.currentUser
      ? answer('/api/v1/auth/me', 'get', 200, db.currentUser)
      : new HttpResponse(null, { status: 204 }),
  ),
];
