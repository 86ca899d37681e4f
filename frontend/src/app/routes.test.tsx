import { act, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { addSession, buildSession, signInAs } from '@/testing/data';
import { renderApp } from '@/testing/test-utils';

describe('the pages and their addresses', () => {
  it('sends / to the sessions list', async () => {
    signInAs();
    renderApp('/');

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Your practice sessions' }),
    ).toBeInTheDocument();
    expect(window.location.pathname).toBe('/sessions');
  });

  it('says a page does not exist, inside the app with its navigation, and links back', async () => {
    signInAs();
    renderApp('/no/such/page');

    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Sign out' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Go to your sessions' })).toHaveAttribute('href', '/sessions');
  });

  it('keeps the browser history: Back from a session returns to the list', async () => {
    signInAs();
    addSession(buildSession({ id: 'session-back', role: 'Mobile engineer' }));
    const { user } = renderApp('/sessions');

    await user.click(await screen.findByRole('link', { name: /Mobile engineer/ }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Mobile engineer' })).toBeInTheDocument();
    expect(window.location.pathname).toBe('/sessions/session-back');

    act(() => window.history.back());
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Your practice sessions' }),
    ).toBeInTheDocument();
    await waitFor(() => expect(window.location.pathname).toBe('/sessions'));
  });

  it('marks the Admin link as the current page on the admin console', async () => {
    signInAs('sre@example.com');
    renderApp('/admin?state=all');

    expect(await screen.findByRole('heading', { level: 1, name: 'Dead letters' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Admin' })).toHaveAttribute('aria-current', 'page');
    expect(window.location.search).toBe('?state=all');
  });
});
