import { ArrowLeft, ChevronsUp, Sparkles } from 'lucide-react';
import { useId, type ReactNode } from 'react';

import { ErrorDisplay } from '@/components/common/ErrorDisplay';
import { Button } from '@/components/ui/Button';
import { Link } from '@tanstack/react-router';
import { Spinner } from '@/components/ui/Spinner';
import { errorMessage, isApiError, isTooManyRequests } from '@/lib/api-error';
import { focusWhenReady } from '@/lib/focus';
import { formatDateTime } from '@/lib/time';

import { useAskQuestion } from '../api/ask-question';
import { isTerminal } from '../api/cache';
import { useLoadOlderMessages } from '../api/get-older-messages';
import { useSession } from '../api/get-session';
import type { SessionDetail } from '../api/types';
import { useOperationAnnouncements } from '../hooks/useOperationAnnouncements';
import { useSessionEvents } from '../hooks/useSessionEvents';
import { useSettledRetryToasts } from '../hooks/useSettledRetryToasts';
import { operationCard } from '../utils/conversation-focus';
import { hasQuestions, latestQuestion } from '../utils/timeline';

import { AnswerForm } from './AnswerForm';
import { Conversation } from './Conversation';
import { StreamBadge } from './StreamBadge';

export const POLL_INTERVAL_MS = 2_000;

function hasActiveOperations(session: SessionDetail | undefined): boolean {
  return session?.operations.some((operation) => !isTerminal(operation)) ?? false;
}

/** A practice session: the conversation, live operation states, and what to do next. */
export function SessionView({ sessionId, aside }: { sessionId: string; aside?: ReactNode }) {
  const stream = useSessionEvents(sessionId);
  // Without the live stream, poll while something is still running.
  const session = useSession(sessionId, {
    refetchInterval: (data) => (stream !== 'open' && hasActiveOperations(data) ? POLL_INTERVAL_MS : false),
  });
  const ask = useAskQuestion(sessionId);
  const nextQuestionHintId = useId();
  const older = useLoadOlderMessages(sessionId);
  useOperationAnnouncements(session.data?.operations);
  useSettledRetryToasts(session.data?.operations);

  if (session.isPending) {
    return (
      <p className="flex items-center gap-2 p-6 text-slate-600">
        <Spinner /> Loading session…
      </p>
    );
  }
  if (session.isError) {
    return (
      <div className="mx-auto max-w-2xl space-y-4 p-6">
        <ErrorDisplay
          title="Couldn't open this session"
          message={`${errorMessage(session.error)} What to do: go back to your sessions and open it again.`}
          code={isApiError(session.error) ? session.error.code : null}
        />
        <Link to="/sessions" className="text-sm text-indigo-700 underline">
          All sessions
        </Link>
      </div>
    );
  }

  const { messages, operations, has_older_messages: hasOlder } = session.data;
  const firstMessage = messages[0];
  const openQuestion = latestQuestion(messages, operations);
  const questionRunning = operations.some(
    (operation) => operation.operation_type === 'question_generation' && !isTerminal(operation),
  );
  // One open question per session: while one is coming or waits for its answer, in this tab or another (the
  // live stream keeps every tab's session current), Next question is not offered.
  const nextQuestionHint = questionRunning
    ? 'Your next question is on its way.'
    : openQuestion
      ? 'Answer the open question to get the next one.'
      : null;

  return (
    <div className="mx-auto grid max-w-6xl gap-6 p-4 lg:grid-cols-[1fr_18rem]">
      <div className="min-w-0 space-y-4">
        <div className="space-y-1">
          <Link
            to="/sessions"
            className="inline-flex items-center gap-1 text-sm text-indigo-700 hover:underline"
          >
            <ArrowLeft aria-hidden="true" className="size-4" />
            All sessions
          </Link>
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h1 className="text-xl font-semibold">{session.data.role}</h1>
            <StreamBadge state={stream} />
          </div>
          <p className="text-xs text-slate-500">Started {formatDateTime(session.data.created_at)}</p>
        </div>

        {hasOlder && firstMessage && (
          <div className="space-y-2 text-center">
            <Button
              variant="secondary"
              onClick={() => older.mutate(firstMessage.id)}
              isLoading={older.isPending}
              icon={<ChevronsUp aria-hidden="true" className="size-4" />}
            >
              Show earlier messages
            </Button>
            {older.isError && (
              <ErrorDisplay
                title="Couldn't load earlier messages"
                message={`${errorMessage(older.error)} What to do: press Show earlier messages again.`}
                code={isApiError(older.error) ? older.error.code : null}
              />
            )}
          </div>
        )}

        <Conversation
          sessionId={sessionId}
          messages={messages}
          operations={operations}
          complete={!hasOlder}
        />

        <div className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <div className="flex flex-wrap items-center gap-3">
            <Button
              onClick={() =>
                ask.mutate(undefined, {
                  onSuccess: (operation) => focusWhenReady(() => operationCard(operation.id)),
                })
              }
              isLoading={ask.isPending}
              disabled={ask.isPending || nextQuestionHint !== null}
              aria-describedby={nextQuestionHint ? nextQuestionHintId : undefined}
              icon={<Sparkles aria-hidden="true" className="size-4" />}
            >
              Next question
            </Button>
            {nextQuestionHint && (
              <p id={nextQuestionHintId} className="text-xs text-slate-600">
                {nextQuestionHint}
              </p>
            )}
          </div>
          {ask.isError && (
            <ErrorDisplay
              title={
                isTooManyRequests(ask.error)
                  ? 'Too many AI requests right now'
                  : "Couldn't ask for a question"
              }
              message={errorMessage(ask.error)}
              code={isApiError(ask.error) ? ask.error.code : null}
            />
          )}
          <AnswerForm
            maxChars={session.data.answer_max_chars}
            sessionId={sessionId}
            question={openQuestion}
            hasQuestions={hasQuestions(messages)}
          />
        </div>
      </div>
      {aside && <aside className="space-y-4">{aside}</aside>}
    </div>
  );
}
