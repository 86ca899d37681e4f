import { useCallback, useSyncExternalStore } from 'react';

const KEY = 'rebound.dismissed-failures';
/** Enough for every failure a person keeps around; the oldest ids go first. */
const KEEP = 500;
const listeners = new Set<() => void>();

function read(): string {
  try {
    return window.localStorage.getItem(KEY) ?? '[]';
  } catch {
    return '[]';
  }
}

function ids(raw: string): string[] {
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    return [];
  }
}

function write(next: string[]) {
  try {
    window.localStorage.setItem(KEY, JSON.stringify(next.slice(-KEEP)));
  } catch {
    // A browser without storage forgets dismissals on reload; the card still collapses now.
  }
  listeners.forEach((listener) => listener());
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  const onStorage = (event: StorageEvent) => event.key === KEY && listener();
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

/** Whether this browser collapsed the failed operation's card, remembered across reloads and tabs. */
export function useDismissedFailure(operationId: string) {
  const raw = useSyncExternalStore(subscribe, read);
  const dismissed = ids(raw).includes(operationId);
  const setDismissed = useCallback(
    (value: boolean) => {
      const rest = ids(read()).filter((id) => id !== operationId);
      write(value ? [...rest, operationId] : rest);
    },
    [operationId],
  );
  return [dismissed, setDismissed] as const;
}
