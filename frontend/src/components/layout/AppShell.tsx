import { Link } from '@tanstack/react-router';
import { RotateCcw } from 'lucide-react';
import type { ReactNode } from 'react';

import { focusElement } from '@/lib/focus';

export function AppShell({ nav, children }: { nav?: ReactNode; children: ReactNode }) {
  return (
    <div className="min-h-screen">
      <a
        href="#main"
        onClick={(event) => {
          // Focus, not only scroll, and leave the URL alone (the router owns it).
          event.preventDefault();
          focusElement(document.getElementById('main'));
        }}
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:rounded focus:bg-white focus:p-2"
      >
        Skip to main content
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl items-center justify-between gap-4 px-4 py-3">
          <Link to="/sessions" className="flex items-center gap-2 font-semibold text-indigo-700">
            <RotateCcw aria-hidden="true" className="size-5" />
            Rebound
          </Link>
          {nav}
        </div>
      </header>
      <main id="main" tabIndex={-1} className="focus:outline-none">
        {children}
      </main>
    </div>
  );
}
