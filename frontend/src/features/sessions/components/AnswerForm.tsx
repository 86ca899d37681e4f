import { Send } from 'lucide-react';
import { useId, useState, type FormEvent } from 'react';

import { Button } from '@/components/ui/Button';
import { focusWhenReady } from '@/lib/focus';

import { useSubmitAnswer } from '../api/submit-answer';
import type { Message } from '../api/types';
import { operationCard } from '../utils/conversation-focus';

interface Props {
  sessionId: string;
  /** The latest unanswered question, or null when there is nothing to answer. */
  question: Message | null;
  hasQuestions: boolean;
  /** The longest answer the gateway takes (the session says it). */
  maxChars: number;
}

export function AnswerForm({ sessionId, question, hasQuestions, maxChars }: Props) {
  const [content, setContent] = useState('');
  const hintId = useId();
  const countId = useId();
  const length = content.trim().length;
  const tooLong = length > maxChars;
  const submit = useSubmitAnswer(sessionId, {
    onSuccess: ({ operation }) => {
      setContent('');
      // The box is done with this question: attention goes to the feedback being prepared.
      focusWhenReady(() => operationCard(operation.id));
    },
  });
  const disabled = question === null;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const text = content.trim();
    if (text && !disabled && !tooLong) {
      submit.mutate(text);
    }
  };

  const hint = disabled
    ? hasQuestions
      ? 'You answered the latest question. Ask for the next one.'
      : 'Ask for a question first.'
    : `Answering: ${question.content}`;

  return (
    <form onSubmit={onSubmit} className="space-y-2">
      <label htmlFor="answer" className="block text-sm font-medium text-slate-800">
        Your answer
      </label>
      <p id={hintId} className="line-clamp-2 text-xs text-slate-600">
        {hint}
      </p>
      <textarea
        id="answer"
        rows={4}
        value={content}
        disabled={disabled}
        aria-describedby={`${hintId} ${countId}`}
        aria-invalid={tooLong || undefined}
        onChange={(event) => setContent(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
            event.currentTarget.form?.requestSubmit();
          }
        }}
        className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm focus:border-indigo-500 focus:ring-1 focus:ring-indigo-500 focus:outline-none disabled:bg-slate-100 aria-invalid:border-red-500"
      />
      <p
        id={countId}
        aria-live={tooLong ? 'polite' : 'off'}
        className={tooLong ? 'text-xs font-medium text-red-700' : 'text-xs text-slate-500'}
      >
        {tooLong
          ? `${length.toLocaleString('en')} of ${maxChars.toLocaleString('en')} characters: shorten your answer by ${(length - maxChars).toLocaleString('en')} to send it.`
          : `${length.toLocaleString('en')} of ${maxChars.toLocaleString('en')} characters`}
      </p>
      <div className="flex items-center justify-between">
        <span className="text-xs text-slate-500">Ctrl+Enter to send</span>
        <Button
          type="submit"
          isLoading={submit.isPending}
          disabled={disabled || !content.trim() || tooLong || submit.isPending}
          icon={<Send aria-hidden="true" className="size-4" />}
        >
          Send answer
        </Button>
      </div>
    </form>
  );
}
