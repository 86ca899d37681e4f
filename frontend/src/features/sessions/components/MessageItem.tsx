import { Bot, GraduationCap, MessageSquareText, UserRound } from 'lucide-react';
import { useId, type ReactNode } from 'react';

import { cn } from '@/lib/cn';
import { formatTime } from '@/lib/time';

import type { Message } from '../api/types';

const styles = {
  question: { icon: Bot, box: 'border-indigo-200 bg-indigo-50', align: '' },
  answer: { icon: UserRound, box: 'border-slate-200 bg-white', align: 'sm:ml-12' },
  feedback: { icon: MessageSquareText, box: 'border-emerald-200 bg-emerald-50', align: '' },
  model_answer: { icon: GraduationCap, box: 'border-amber-200 bg-amber-50', align: '' },
} as const satisfies Record<Message['kind'], unknown>;

function title(message: Message, questionNumber: number | null): string {
  switch (message.kind) {
    case 'question':
      return questionNumber ? `Question ${questionNumber}` : 'Question';
    case 'answer':
      return 'Your answer';
    case 'feedback':
      return 'Feedback';
    case 'model_answer':
      return 'Model answer';
  }
}

interface Props {
  message: Message;
  questionNumber: number | null;
  footer?: ReactNode;
}

export function MessageItem({ message, questionNumber, footer }: Props) {
  const headingId = useId();
  const style = styles[message.kind];
  const Icon = style.icon;
  return (
    <article
      aria-labelledby={headingId}
      data-operation-id={message.operation_id ?? undefined}
      className={cn('rounded-lg border p-3', style.box, style.align)}
    >
      <header className="mb-1 flex items-center justify-between gap-2 text-xs text-slate-600">
        <h3 id={headingId} className="flex items-center gap-2 font-semibold tracking-wide uppercase">
          <Icon aria-hidden="true" className="size-4" />
          {title(message, questionNumber)}
        </h3>
        <time dateTime={message.created_at}>{formatTime(message.created_at)}</time>
      </header>
      <p className="whitespace-pre-wrap text-slate-900">{message.content}</p>
      {footer}
    </article>
  );
}
