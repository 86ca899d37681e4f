/** Only same-site paths: `?next=` must never send someone to another origin. */
export function safeNextPath(next: unknown, fallback = '/sessions'): string {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) {
    return fallback;
  }
  return next;
}

/** The sign-in page's search for coming back to `path` afterwards (not to `/`, the default anyway). */
export function signInSearch(path?: string): { next?: string } {
  return path && path !== '/' ? { next: path } : {};
}

/**
 * Plain query strings (`?state=all&page=2`), not the router's JSON default: the console's URLs are read and
 * shared by people, and every value the SPA puts in a URL is a string.
 */
export function parseSearch(search: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(search));
}

export function stringifySearch(search: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(search)) {
    if (typeof value === 'string' || typeof value === 'number') {
      params.set(name, String(value));
    }
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}
