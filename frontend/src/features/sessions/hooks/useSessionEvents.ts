import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';

import { isTerminal, upsertOperation } from '../api/cache';
import { operationKeys, sessionKeys } from '../api/query-keys';
import type { Operation } from '../api/types';

export type StreamState = 'connecting' | 'open' | 'down';

/** After the server closes the stream for good, open a new one this much later. */
export const RECONNECT_DELAY_MS = 5_000;

export function sessionEventsUrl(sessionId: string): string {
  return `/api/v1/sessions/${encodeURIComponent(sessionId)}/events`;
}

export function applyOperationEvent(queryClient: QueryClient, sessionId: string, operation: Operation) {
  upsertOperation(queryClient, operation, sessionId);
  // An expanded retry chain shows attempts: let it refresh (only mounted ones refetch).
  void queryClient.invalidateQueries({ queryKey: operationKeys.histories() });
  if (isTerminal(operation)) {
    // A finished operation adds a message (question or feedback): fetch the conversation.
    void queryClient.invalidateQueries({ queryKey: sessionKeys.detail(sessionId) });
    void queryClient.invalidateQueries({ queryKey: sessionKeys.lists() });
  }
}

function parseOperation(data: unknown): Operation | null {
  if (typeof data !== 'string') {
    return null;
  }
  try {
    const parsed = JSON.parse(data) as Partial<Operation> | null;
    return parsed && typeof parsed.id === 'string' && typeof parsed.status === 'string'
      ? (parsed as Operation)
      : null;
  } catch {
    return null;
  }
}

/**
 * Follows the session's Server-Sent Events and writes every operation change into the cache.
 * EventSource reconnects by itself (sending Last-Event-ID); when the server refuses the stream
 * it is closed, and we open a new one after a pause. The returned state lets the caller poll
 * while the stream is not open.
 */
export function useSessionEvents(sessionId: string): StreamState {
  const queryClient = useQueryClient();
  const supported = typeof EventSource !== 'undefined';
  const [state, setState] = useState<StreamState>('connecting');

  useEffect(() => {
    if (!supported) {
      return;
    }
    let source: EventSource | null = null;
    let reconnectTimer: ReturnType<typeof setTimeout> | undefined;
    let missedEvents = false;

    const onOperation = (event: MessageEvent<unknown>) => {
      const operation = parseOperation(event.data);
      if (operation) {
        applyOperationEvent(queryClient, sessionId, operation);
      }
    };

    const connect = () => {
      const current = new EventSource(sessionEventsUrl(sessionId));
      source = current;
      current.addEventListener('operation', onOperation);
      current.onopen = () => {
        setState('open');
        if (missedEvents) {
          // Events may have been lost while we were away: catch up once.
          missedEvents = false;
          void queryClient.invalidateQueries({ queryKey: sessionKeys.detail(sessionId) });
        }
      };
      current.onerror = () => {
        setState('down');
        missedEvents = true;
        if (current.readyState === EventSource.CLOSED) {
          // The server refused the stream (expired sign-in, restart...). A plain fetch tells us
          // which: a 401 sends the person to sign-in, anything else resyncs the conversation.
          current.close();
          void queryClient.invalidateQueries({ queryKey: sessionKeys.detail(sessionId) });
          reconnectTimer = setTimeout(connect, RECONNECT_DELAY_MS);
        }
      };
    };

    connect();
    return () => {
      clearTimeout(reconnectTimer);
      source?.close();
    };
  }, [queryClient, sessionId, supported]);

  return supported ? state : 'down';
}
