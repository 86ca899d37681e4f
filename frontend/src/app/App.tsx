import type { QueryClient } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { useState } from 'react';

import { AppProvider } from './provider';
import { createAppRouter } from './router';

export function App({ queryClient }: { queryClient?: QueryClient }) {
  // One router per app: it reads the browser's location when it is made.
  const [router] = useState(createAppRouter);
  return (
    <AppProvider router={router} {...(queryClient && { queryClient })}>
      <RouterProvider router={router} />
    </AppProvider>
  );
}
