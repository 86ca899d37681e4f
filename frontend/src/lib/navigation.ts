import { useSyncExternalStore } from 'react';

/** A tiny history router: enough for four routes, no dependency. */
const NAVIGATE_EVENT = 'rebound:navigate';

export interface Location {
  pathname: string;
  search: string;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
  };
}

function snapshot(): string {
  return window.location.pathname + window.location.search;
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === snapshot()) {
    return;
  }
  if (options.replace) {
    window.history.replaceState(null, '', to);
  } else {
    window.history.pushState(null, '', to);
  }
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

export function useLocation(): Location {
  const href = useSyncExternalStore(subscribe, snapshot, snapshot);
  const url = new URL(href, 'http://x');
  return { pathname: url.pathname, search: url.search };
}

/** Only same-site paths: `?next=` must never send someone to another origin. */
export function safeNextPath(next: string | null | undefined, fallback = '/sessions'): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) {
    return fallback;
  }
  return next;
}

export function signInPath(next?: string): string {
  return next && next !== '/' && !next.startsWith('/sign-in')
    ? `/sign-in?next=${encodeURIComponent(next)}`
    : '/sign-in';
}

export function currentPath(): string {
  return snapshot();
}
