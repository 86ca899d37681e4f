import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { db, signInAs } from '@/testing/data';
import { renderWithProviders } from '@/testing/test-utils';

import { SimulatorPanel } from './SimulatorPanel';

describe('SimulatorPanel', () => {
  it('stays hidden where the simulator does not exist', async () => {
    signInAs('sre@example.com');
    const { queryClient } = renderWithProviders(<SimulatorPanel />);

    await waitFor(() => expect(queryClient.isFetching()).toBe(0));
    expect(screen.queryByRole('heading', { name: 'AI simulator' })).not.toBeInTheDocument();
  });

  it('stays hidden for someone who is not an administrator', async () => {
    signInAs('ada@example.com');
    db.simulator.available = true;
    const { queryClient } = renderWithProviders(<SimulatorPanel />);

    await waitFor(() => expect(queryClient.isFetching()).toBe(0));
    expect(screen.queryByRole('heading', { name: 'AI simulator' })).not.toBeInTheDocument();
  });

  it('turns an outage on and off', async () => {
    signInAs('sre@example.com');
    db.simulator.available = true;
    const { user } = renderWithProviders(<SimulatorPanel />);

    const outage = await screen.findByRole('switch', { name: 'Outage' });
    expect(outage).not.toBeChecked();
    await user.click(outage);

    await waitFor(() => expect(screen.getByRole('switch', { name: 'Outage' })).toBeChecked());
    expect(screen.getByText('Every AI call answers 503 until cleared.')).toBeInTheDocument();
    expect(screen.getByText('HTTP 503, until cleared')).toBeInTheDocument();
    expect(db.simulator.faults).toEqual([{ status: 503 }]);

    await user.click(screen.getByRole('switch', { name: 'Outage' }));
    await waitFor(() => expect(screen.getByRole('switch', { name: 'Outage' })).not.toBeChecked());
    expect(db.simulator.faults).toEqual([]);
  });

  it('fails the next N calls with 503, 429 or a timeout, and clears them', async () => {
    signInAs('sre@example.com');
    db.simulator.available = true;
    const { user } = renderWithProviders(<SimulatorPanel />);

    const calls = await screen.findByRole('spinbutton', { name: 'Calls' });
    await user.clear(calls);
    await user.type(calls, '2');
    await user.click(screen.getByRole('button', { name: 'Fail next 2 with 503' }));
    await screen.findByText('HTTP 503, next 2 calls');
    await user.click(screen.getByRole('button', { name: 'Fail next 2 with 429' }));
    await screen.findByText('HTTP 429, next 2 calls, Retry-After 1 s');
    await user.click(screen.getByRole('button', { name: 'Fail next 2 with timeout' }));
    await screen.findByText('Delay 65 s, next 2 calls');

    expect(db.simulator.faults).toEqual([
      { status: 503, times: 2 },
      { status: 429, times: 2, retry_after_seconds: 1 },
      { delay_ms: 65000, times: 2 },
    ]);

    await user.click(screen.getByRole('button', { name: 'Clear' }));
    expect(await screen.findByText('None')).toBeInTheDocument();
    expect(db.simulator.faults).toEqual([]);
  });
});
