import '@testing-library/jest-dom/vitest';

import { cleanup, configure } from '@testing-library/react';
import toast from 'react-hot-toast';
import { afterAll, afterEach, beforeAll, beforeEach, vi } from 'vitest';

import { resetDb } from './data';
import { FakeEventSource } from './fake-event-source';
import { server } from './server';

// findBy/waitFor give up after 8 s, not 1 s: on a loaded 2-core machine a first render can take longer.
configure({ asyncUtilTimeout: 8_000 });

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));

beforeEach(() => {
  resetDb();
  FakeEventSource.reset();
  vi.stubGlobal('EventSource', FakeEventSource);
  window.history.replaceState(null, '', '/');
  // The router restores scroll positions; jsdom has no layout to scroll.
  window.scrollTo = () => undefined;
  if (typeof window.matchMedia !== 'function') {
    Object.defineProperty(window, 'matchMedia', {
      configurable: true,
      value: (query: string) => ({
        matches: false,
        media: query,
        onchange: null,
        addEventListener: () => undefined,
        removeEventListener: () => undefined,
        addListener: () => undefined,
        removeListener: () => undefined,
        dispatchEvent: () => false,
      }),
    });
  }
});

afterEach(() => {
  cleanup();
  window.localStorage.clear();
  toast.remove();
  server.resetHandlers();
  document.cookie = 'XSRF-TOKEN=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/';
  vi.useRealTimers();
});

afterAll(() => server.close());
