import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { renderApp } from '@/testing/test-utils';

describe('a first visit', () => {
  it('shows sign-in when nobody is signed in (the gateway answers 204 to who-am-I) and keeps the page asked for', async () => {
    renderApp('/sessions');

    expect(await screen.findByRole('heading', { name: 'Sign in to Rebound' })).toBeInTheDocument();
    expect(window.location.search).toBe('?next=%2Fsessions');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});
