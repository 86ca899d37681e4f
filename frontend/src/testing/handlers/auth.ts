import { http, HttpResponse } from 'msw';

import { db, PASSWORD, users } from '../data';

import { guard, issueCsrfToken, problem, record } from './utils';

export const authHandlers = [
  http.get('*/api/v1/auth/csrf', () => {
    const token = issueCsrfToken();
    return HttpResponse.json({ token, header_name: 'X-XSRF-TOKEN', parameter_name: '_csrf' });
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
    return HttpResponse.json(user);
  }),

  http.post('*/api/v1/auth/logout', async ({ request }) => {
    await record(request);
    db.currentUser = null;
    return new HttpResponse(null, { status: 204 });
  }),

  http.get('*/api/v1/auth/me', () =>
    db.currentUser ? HttpResponse.json(db.currentUser) : new HttpResponse(null, { status: 204 }),
  ),
];
