import { screen, waitFor } from '@testing-library/react';
import { http } from 'msw';
import { describe, expect, it } from 'vitest';

import { addSession, buildSession, db } from '@/testing/data';
import { tooManyRequests } from '@/testing/handlers/utils';
import { server } from '@/testing/server';
import { renderApp } from '@/testing/test-utils';

describe('signing in', () => {
  it('sends a visitor without a session to sign-in and tells them when the password is wrong', async () => {
    const { user } = renderApp('/sessions');

    expect(await screen.findByRole('heading', { name: 'Sign in to Rebound' })).toBeInTheDocument();
    expect(window.location.pathname + window.location.search).toBe('/sign-in?next=%2Fsessions');

    await user.type(screen.getByLabelText('Email'), 'ada@example.com');
    await user.type(screen.getByLabelText('Password'), 'wrong');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Wrong email or password.');
    expect(window.location.pathname).toBe('/sign-in');
  });

  it('tells a person whose sign-ins are throttled how long to wait', async () => {
    server.use(
      http.post('*/api/v1/auth/login', () =>
        tooManyRequests(
          'SIGN_IN_THROTTLED',
          'Too many failed sign-ins. What to do: wait 240 s, then try again with the right password.',
          240,
        ),
      ),
    );
    const { user } = renderApp('/sign-in');

    await user.type(await screen.findByLabelText('Email'), 'ada@example.com');
    await user.type(screen.getByLabelText('Password'), 'rebound');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Too many failed sign-ins. What to do: wait 240 s, then try again with the right password.',
    );
    expect(window.location.pathname).toBe('/sign-in');
  });

  it('signs in with a CSRF token and lands on the page that was asked for', async () => {
    addSession(buildSession({ role: 'Data scientist' }));
    const { user } = renderApp('/sessions');
    await screen.findByRole('heading', { name: 'Sign in to Rebound' });

    await user.type(screen.getByLabelText('Email'), 'ada@example.com');
    await user.type(screen.getByLabelText('Password'), 'rebound');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('heading', { name: 'Your practice sessions' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /Data scientist/ })).toBeInTheDocument();
    expect(screen.getByText('Ada Lovelace')).toBeInTheDocument();
    const login = db.requests.find((request) => request.path === '/api/v1/auth/login');
    expect(login?.csrf).toMatch(/^csrf-/);
  });

  it('signs out back to the sign-in page', async () => {
    db.currentUser = { email: 'ada@example.com', display_name: 'Ada Lovelace', roles: ['USER'] };
    const { user } = renderApp('/sessions');

    await user.click(await screen.findByRole('button', { name: 'Sign out' }));

    expect(await screen.findByRole('heading', { name: 'Sign in to Rebound' })).toBeInTheDocument();
    await waitFor(() => expect(window.location.pathname).toBe('/sign-in'));
    expect(db.currentUser).toBeNull();
  });
});
