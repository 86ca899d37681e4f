import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { buildFailedOperation } from '@/testing/data';
import failureTexts from '@/testing/fixtures/failure-texts.json';
import { renderWithProviders } from '@/testing/test-utils';

import type { OperationType } from '../api/types';

import { FailedOperation } from './FailedOperation';

const retryHelps = (action: string) => action === 'retry' || action === 'wait_and_retry';

describe('FailedOperation', () => {
  it.each(failureTexts.failures.map((f) => [f.error_code, f.operation_type, f] as const))(
    '%s on %s: the text and the actions agree',
    (code, type, failure) => {
      const operation = buildFailedOperation(code, { operation_type: type as OperationType });
      renderWithProviders(<FailedOperation operation={operation} />);

      const [what, action = ''] = failure.error_message.split('. What to do: ');
      const card = screen.getByRole('region', { name: /couldn't/i });
      expect(within(card).getByText(`${what}.`)).toBeInTheDocument();
      expect(within(card).getByText(action)).toBeInTheDocument();
      const retry = within(card).queryByRole('button', { name: 'Retry' });
      expect(retry !== null).toBe(retryHelps(failure.next_action));
      if (!retryHelps(failure.next_action)) {
        expect(within(card).getByRole('button', { name: 'Dismiss' })).toBeInTheDocument();
      }
      const copy = within(card).queryByRole('button', { name: 'Copy operation id' });
      expect(copy !== null).toBe(failure.contact_support);
      expect(within(card).queryByText(operation.id) !== null).toBe(failure.contact_support);
    },
  );

  it('styles Retry as the main action, not as a destructive one', () => {
    renderWithProviders(<FailedOperation operation={buildFailedOperation('AI_TIMEOUT')} />);

    expect(screen.getByRole('button', { name: 'Retry' }).className).not.toMatch(/bg-red/);
  });

  it('copies the operation id for support and says so', async () => {
    const operation = buildFailedOperation('INTERNAL_ERROR');
    const { user } = renderWithProviders(<FailedOperation operation={operation} />);

    await user.click(screen.getByRole('button', { name: 'Copy operation id' }));

    expect(await navigator.clipboard.readText()).toBe(operation.id);
    expect(screen.getByText('Operation id copied')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Copy operation id' })).toHaveTextContent('Copied');
  });

  it('collapses a dismissed failure and keeps it collapsed after a reload', async () => {
    const operation = buildFailedOperation('AI_QUOTA_EXCEEDED');
    const { user, unmount } = renderWithProviders(<FailedOperation operation={operation} />);

    await user.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByText(/quota of this installation/)).not.toBeInTheDocument();
    unmount();

    const again = renderWithProviders(<FailedOperation operation={operation} />);
    expect(screen.getByText("Couldn't generate a question (dismissed)")).toBeInTheDocument();
    await again.user.click(screen.getByRole('button', { name: 'Show details' }));
    expect(screen.getByText(/quota of this installation/)).toBeInTheDocument();
  });
});
