import { GraduationCap } from 'lucide-react';

import { Button } from '@/components/ui/Button';

import { useAskModelAnswer } from '../api/ask-model-answer';
import type { Message, Operation } from '../api/types';

/**
 * Whether a question can still get a model answer: one per question, so not while one is asked for, on its way,
 * failed (its card offers Retry) or arrived.
 */
export function offersModelAnswer(question: Message, messages: Message[], operations: Operation[]): boolean {
  return (
    question.kind === 'question' &&
    !operations.some(
      (operation) => operation.operation_type === 'model_answer' && operation.message_id === question.id,
    ) &&
    !messages.some(
      (message) => message.kind === 'model_answer' && message.reply_to_message_id === question.id,
    )
  );
}

/** "Show a model answer" under a question; focus goes to the new request's card, as for the other requests. */
export function ModelAnswerButton({ sessionId, question }: { sessionId: string; question: Message }) {
  const ask = useAskModelAnswer(sessionId);
  return (
    <div className="mt-2">
      <Button
        variant="secondary"
        onClick={() => ask.mutate(question.id)}
        isLoading={ask.isPending}
        disabled={ask.isPending}
        icon={<GraduationCap aria-hidden="true" className="size-4" />}
      >
        Show a model answer
      </Button>
    </div>
  );
}
