import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

type Announce = (message: string) => void;

const AnnouncerContext = createContext<Announce>(() => undefined);

/**
 * One polite live region for the whole app: status changes (queued, retrying, failed, ready)
 * are announced once, while the ticking countdown stays out of it.
 */
export function LiveAnnouncerProvider({ children }: { children: ReactNode }) {
  const [announcement, setAnnouncement] = useState({ id: 0, text: '' });

  const announce = useCallback<Announce>((text) => {
    setAnnouncement((previous) => ({ id: previous.id + 1, text }));
  }, []);

  const value = useMemo(() => announce, [announce]);

  return (
    <AnnouncerContext.Provider value={value}>
      {children}
      <div role="status" aria-live="polite" aria-atomic="true" className="sr-only" data-testid="live-region">
        {/* A new key re-announces even an identical sentence. */}
        <p key={announcement.id}>{announcement.text}</p>
      </div>
    </AnnouncerContext.Provider>
  );
}

export function useAnnounce(): Announce {
  return useContext(AnnouncerContext);
}
