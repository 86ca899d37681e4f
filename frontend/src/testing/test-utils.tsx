import type { QueryClient } from '@tanstack/react-query';
import { QueryClientProvider } from '@tanstack/react-query';
import { render, type RenderOptions } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactElement, ReactNode } from 'react';
import { Toaster } from 'react-hot-toast';

import { App } from '@/app/App';
import { LiveAnnouncerProvider } from '@/components/common/LiveAnnouncer';
import { createQueryClient } from '@/lib/query-client';

/** A fresh client per test: no retries, nothing shared between tests. */
export function createTestQueryClient(): QueryClient {
  return createQueryClient({ queries: { retry: false, staleTime: 0 }, mutations: { retry: false } });
}

export function Providers({ queryClient, children }: { queryClient: QueryClient; children: ReactNode }) {
  return (
    <QueryClientProvider client={queryClient}>
      <LiveAnnouncerProvider>
        {children}
        <Toaster />
      </LiveAnnouncerProvider>
    </QueryClientProvider>
  );
}

export function renderWithProviders(
  ui: ReactElement,
  { queryClient = createTestQueryClient(), ...options }: RenderOptions & { queryClient?: QueryClient } = {},
) {
  const user = userEvent.setup();
  const result = render(ui, {
    wrapper: ({ children }) => <Providers queryClient={queryClient}>{children}</Providers>,
    ...options,
  });
  return { ...result, user, queryClient };
}

/** The whole app at a path, as a person opening that URL would see it. */
export function renderApp(path: string, { queryClient = createTestQueryClient() } = {}) {
  window.history.replaceState(null, '', path);
  const user = userEvent.setup();
  const result = render(<App queryClient={queryClient} />);
  return { ...result, user, queryClient };
}
