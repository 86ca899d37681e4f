import { ChevronRight, MessagesSquare } from 'lucide-react';

import { ErrorDisplay } from '@/components/common/ErrorDisplay';
import { Link } from '@/components/ui/Link';
import { Spinner } from '@/components/ui/Spinner';
import { errorMessage } from '@/lib/api-error';
import { formatDateTime } from '@/lib/time';

import { useSessions } from '../api/get-sessions';

export function SessionsList() {
  const sessions = useSessions();

  if (sessions.isPending) {
    return (
      <p className="flex items-center gap-2 text-slate-600">
        <Spinner /> Loading sessions…
      </p>
    );
  }
  if (sessions.isError) {
    return (
      <ErrorDisplay
        title="Couldn't load your sessions"
        message={`${errorMessage(sessions.error)} What to do: try again.`}
        retry={{ onRetry: () => void sessions.refetch(), isPending: sessions.isFetching }}
      />
    );
  }
  if (sessions.data.length === 0) {
    return <p className="text-sm text-slate-600">No sessions yet. Start one above.</p>;
  }

  return (
    <ul
      aria-label="Your sessions"
      className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white"
    >
      {sessions.data.map((session) => (
        <li key={session.id}>
          <Link
            to={`/sessions/${encodeURIComponent(session.id)}`}
            className="flex items-center gap-3 p-3 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-indigo-600"
          >
            <MessagesSquare aria-hidden="true" className="size-5 text-indigo-600" />
            <span className="min-w-0 flex-1">
              <span className="block truncate font-medium">{session.role}</span>
              <span className="block text-xs text-slate-500">
                {formatDateTime(session.created_at)} · {session.message_count}{' '}
                {session.message_count === 1 ? 'message' : 'messages'}
              </span>
            </span>
            <ChevronRight aria-hidden="true" className="size-4 text-slate-400" />
          </Link>
        </li>
      ))}
    </ul>
  );
}
