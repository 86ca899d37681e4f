import type { Message, Operation } from '../api/types';
import { buildTimeline } from '../utils/timeline';

import { MessageItem } from './MessageItem';
import { OperationCard } from './OperationCard';
import { RetryChain } from './RetryChain';

interface Props {
  messages: Message[];
  operations: Operation[];
  /** False while earlier messages are not loaded: questions are not numbered then, the count would be wrong. */
  complete?: boolean;
}

export function Conversation({ messages, operations, complete = true }: Props) {
  const timeline = buildTimeline(messages, operations, { numberQuestions: complete });

  if (timeline.length === 0) {
    return (
      <p className="rounded-lg border border-dashed border-slate-300 p-6 text-center text-sm text-slate-600">
        No questions yet. Press <strong>Next question</strong> to start practising.
      </p>
    );
  }

  return (
    <ol aria-label="Conversation" className="space-y-3">
      {timeline.map((item) => (
        <li key={item.key}>
          {item.kind === 'message' ? (
            <MessageItem
              message={item.message}
              questionNumber={item.questionNumber}
              footer={item.recoveredBy && <RetryChain operation={item.recoveredBy} />}
            />
          ) : (
            <OperationCard operation={item.operation} />
          )}
        </li>
      ))}
    </ol>
  );
}
