import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { Toaster } from 'react-hot-toast';

import { LiveAnnouncerProvider } from '@/components/common/LiveAnnouncer';
import { ErrorBoundary } from '@/components/errors/ErrorBoundary';
import { authKeys } from '@/features/auth/api/query-keys';
import { setUnauthorizedHandler } from '@/lib/api-client';
import { currentPath, navigate, signInPath } from '@/lib/navigation';
import { createQueryClient } from '@/lib/query-client';

/** Any 401: forget the user and everything cached for them, then go to sign-in. */
export function handleUnauthorized(queryClient: QueryClient): void {
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== authKeys.all[0] });
  queryClient.setQueryData(authKeys.me(), null);
  const path = currentPath();
  if (!path.startsWith('/sign-in')) {
    navigate(signInPath(path), { replace: true });
  }
}

export function AppProvider({ children, queryClient }: { children: ReactNode; queryClient?: QueryClient }) {
  const [client] = useState(() => queryClient ?? createQueryClient());

  useEffect(() => {
    setUnauthorizedHandler(() => handleUnauthorized(client));
    return () => setUnauthorizedHandler(null);
  }, [client]);

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
