import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { Toaster } from 'react-hot-toast';

import { LiveAnnouncerProvider } from '@/components/common/LiveAnnouncer';
import { ErrorBoundary } from '@/components/errors/ErrorBoundary';
import { authKeys } from '@/features/auth/api/query-keys';
import { setUnauthorizedHandler } from '@/lib/api-client';
import { signInSearch } from '@/lib/navigation';
import { createQueryClient } from '@/lib/query-client';

import type { AppRouter } from './router';

/** Any 401: forget the user and everything cached for them, then go to sign-in and back afterwards. */
export function handleUnauthorized(queryClient: QueryClient, router: AppRouter): void {
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== authKeys.all[0] });
  queryClient.setQueryData(authKeys.me(), null);
  const here = router.state.location;
  if (here.pathname !== '/sign-in') {
    void router.navigate({ to: '/sign-in', search: signInSearch(here.href), replace: true });
  }
}

export function AppProvider({
  children,
  queryClient,
  router,
}: {
  children: ReactNode;
  queryClient?: QueryClient;
  router: AppRouter;
}) {
  const [client] = useState(() => queryClient ?? createQueryClient());

  useEffect(() => {
    setUnauthorizedHandler(() => handleUnauthorized(client, router));
    return () => setUnauthorizedHandler(null);
  }, [client, router]);

  return (
    <ErrorBoundary title="Rebound failed to start">
      <QueryClientProvider client={client}>
        <LiveAnnouncerProvider>
          {children}
          <Toaster position="bottom-right" toastOptions={{ duration: 5000 }} />
        </LiveAnnouncerProvider>
      </QueryClientProvider>
    </ErrorBoundary>
  );
}
