import { useEffect, useRef, type FocusEvent } from 'react';

import { focusElement, focusIsLost } from '@/lib/focus';

import type { Message, Operation } from '../api/types';
import { operationMessage } from '../utils/conversation-focus';
import { buildTimeline } from '../utils/timeline';

import { MessageItem } from './MessageItem';
import { ModelAnswerButton, offersModelAnswer } from './ModelAnswerButton';
import { OperationCard } from './OperationCard';
import { RetryChain } from './RetryChain';

interface Props {
  /** The session the conversation is of: its questions offer a model answer. Without it they offer nothing. */
  sessionId?: string;
  messages: Message[];
  operations: Operation[];
  /** False while earlier messages are not loaded: questions are not numbered then, the count would be wrong. */
  complete?: boolean;
}

export function Conversation({ sessionId, messages, operations, complete = true }: Props) {
  const timeline = buildTimeline(messages, operations, { numberQuestions: complete });
  const focusedChain = useFocusHandoff();

  if (timeline.length === 0) {
    return (
      <p className="rounded-lg border border-dashed border-slate-300 p-6 text-center text-sm text-slate-600">
        No questions yet. Press <strong>Next question</strong> to start practising.
      </p>
    );
  }

  return (
    <ol aria-label="Conversation" className="space-y-3" onFocus={focusedChain}>
      {timeline.map((item) => (
        <li key={item.key}>
          {item.kind === 'message' ? (
            <MessageItem
              message={item.message}
              questionNumber={item.questionNumber}
              footer={
                <>
                  {item.recoveredBy && <RetryChain operation={item.recoveredBy} />}
                  {sessionId && offersModelAnswer(item.message, messages, operations) && (
                    <ModelAnswerButton sessionId={sessionId} question={item.message} />
                  )}
                </>
              }
            />
          ) : (
            <OperationCard operation={item.operation} chain={item.chain} />
          )}
        </li>
      ))}
    </ol>
  );
}

/**
 * When the card that had focus goes because its answer arrived (the question, the feedback), focus goes to that
 * message rather than to the page body. Returns the focus listener for the conversation.
 */
function useFocusHandoff() {
  // The element, not its ids: a retry adds its id to the card after the card took focus.
  const focusedCard = useRef<HTMLElement | null>(null);

  useEffect(() => {
    const card = focusedCard.current;
    if (!card || card.isConnected || !focusIsLost()) {
      return;
    }
    focusedCard.current = null;
    const ids = card.dataset.operationChain?.split(' ') ?? [];
    focusElement(ids.map(operationMessage).find(Boolean));
  });

  return (event: FocusEvent<HTMLElement>) => {
    focusedCard.current = event.target.closest<HTMLElement>('[data-operation-chain]');
  };
}
