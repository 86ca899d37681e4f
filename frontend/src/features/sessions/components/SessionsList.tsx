import { ChevronRight, MessagesSquare } from 'lucide-react';

import { ErrorDisplay } from '@/components/common/ErrorDisplay';
import { Button } from '@/components/ui/Button';
import { Link } from '@tanstack/react-router';
import { Spinner } from '@/components/ui/Spinner';
import { errorMessage } from '@/lib/api-error';
import { formatDateTime } from '@/lib/time';

import { loadedSessions, useSessions } from '../api/get-sessions';

export function SessionsList() {
  const sessions = useSessions();

  if (sessions.isPending) {
    return (
      <p className="flex items-center gap-2 text-slate-600">
        <Spinner /> Loading sessions…
      </p>
    );
  }
  if (!sessions.data) {
    // Failed before the first page came; a later failure keeps the list (see below).
    return (
      <ErrorDisplay
        title="Couldn't load your sessions"
        message={`${errorMessage(sessions.error)} What to do: try again.`}
        retry={{ onRetry: () => void sessions.refetch(), isPending: sessions.isFetching }}
      />
    );
  }
  const list = loadedSessions(sessions.data.pages);
  const total = sessions.data.pages[sessions.data.pages.length - 1]?.total ?? list.length;
  if (list.length === 0) {
    return <p className="text-sm text-slate-600">No sessions yet. Start one above.</p>;
  }

  return (
    <div className="space-y-3">
      <ul
        aria-label="Your sessions"
        className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white"
      >
        {list.map((session) => (
          <li key={session.id}>
            <Link
              to="/sessions/$sessionId"
              params={{ sessionId: session.id }}
              className="flex items-center gap-3 p-3 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-indigo-600"
            >
              <MessagesSquare aria-hidden="true" className="size-5 text-indigo-600" />
              <span className="min-w-0 flex-1">
                <span className="block truncate font-medium">{session.role}</span>
                <span className="block text-xs text-slate-500">
                  {formatDateTime(session.created_at)} · {session.message_count}{' '}
                  {session.message_count === 1 ? 'message' : 'messages'}
                  {session.failed_request_count > 0 && (
                    <span className="text-amber-800">
                      {' '}
                      · {session.failed_request_count} failed{' '}
                      {session.failed_request_count === 1 ? 'request' : 'requests'} to retry
                    </span>
                  )}
                </span>
              </span>
              <ChevronRight aria-hidden="true" className="size-4 text-slate-400" />
            </Link>
          </li>
        ))}
      </ul>
      <div className="flex flex-wrap items-center justify-between gap-2 text-xs text-slate-500">
        <span>
          Showing {list.length} of {total} {total === 1 ? 'session' : 'sessions'}
        </span>
        {sessions.hasNextPage && (
          <Button
            variant="secondary"
            onClick={() => void sessions.fetchNextPage()}
            isLoading={sessions.isFetchingNextPage}
          >
            Older sessions
          </Button>
        )}
      </div>
      {sessions.isFetchNextPageError && (
        <p role="alert" className="text-sm text-red-700">
          Couldn&apos;t load older sessions: {errorMessage(sessions.error)} What to do: press Older sessions
          again.
        </p>
      )}
    </div>
  );
}
