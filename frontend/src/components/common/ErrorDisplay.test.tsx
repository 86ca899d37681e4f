import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';

import { ErrorDisplay } from './ErrorDisplay';

const MESSAGE = 'The AI service did not answer in time. What to do: Press Retry in a minute.';

describe('ErrorDisplay', () => {
  it('shows what happened and what to do as separate parts', () => {
    render(<ErrorDisplay title="Couldn't generate a question" message={MESSAGE} code="AI_TIMEOUT" />);

    expect(screen.getByRole('heading', { name: "Couldn't generate a question" })).toBeInTheDocument();
    expect(screen.getByText('The AI service did not answer in time.')).toBeInTheDocument();
    expect(screen.getByText('What to do:')).toBeInTheDocument();
    expect(screen.getByText('Press Retry in a minute.')).toBeInTheDocument();
    expect(screen.getByText('Error code: AI_TIMEOUT')).toBeInTheDocument();
  });

  it('shows a message without an action part as it is', () => {
    render(<ErrorDisplay message="Something broke." />);

    expect(screen.getByText('Something broke.')).toBeInTheDocument();
    expect(screen.queryByText('What to do:')).not.toBeInTheDocument();
  });

  it('offers no Retry button when no retry is possible', () => {
    render(<ErrorDisplay message={MESSAGE} />);

    expect(screen.queryByRole('button', { name: /retry/i })).not.toBeInTheDocument();
  });

  it('offers a Retry button that retries when a retry is possible', async () => {
    const onRetry = vi.fn();
    render(<ErrorDisplay message={MESSAGE} retry={{ onRetry, isPending: false }} />);

    const button = screen.getByRole('button', { name: 'Retry' });
    expect(button).toBeEnabled();
    await userEvent.click(button);

    expect(onRetry).toHaveBeenCalledTimes(1);
  });

  it('disables the Retry button and shows a spinner while the retry runs', async () => {
    const onRetry = vi.fn();
    render(<ErrorDisplay message={MESSAGE} retry={{ onRetry, isPending: true }} />);

    const button = screen.getByRole('button', { name: 'Retry' });
    expect(button).toBeDisabled();
    expect(button).toHaveAttribute('aria-busy', 'true');
    expect(within(button).getByTestId('spinner')).toBeInTheDocument();
    await userEvent.click(button);
    expect(onRetry).not.toHaveBeenCalled();
  });
});
