import { CircleAlert, RotateCcw } from 'lucide-react';
import { useId, type ReactNode } from 'react';

import { Button } from '@/components/ui/Button';
import { cn } from '@/lib/cn';
import { splitErrorMessage } from '@/lib/error-message';

export interface ErrorDisplayProps {
  /** A short heading, e.g. "Couldn't generate a question". */
  title?: string;
  /** "<what happened>. What to do: <action>" — shown as two parts. */
  message: string | null | undefined;
  code?: string | null;
  /** Present only when a retry is possible; omit it and no Retry button is shown. */
  retry?: {
    onRetry: () => void;
    isPending: boolean;
  };
  /** Shown under the message, e.g. the operation id to give support. */
  details?: ReactNode;
  /** More buttons after Retry, e.g. Dismiss. */
  actions?: ReactNode;
  /** A last line under the buttons. */
  footer?: ReactNode;
  className?: string;
}

export function ErrorDisplay({
  title = 'Something went wrong',
  message,
  code,
  retry,
  details,
  actions,
  footer,
  className,
}: ErrorDisplayProps) {
  const headingId = useId();
  const { what, action } = splitErrorMessage(message);

  return (
    <section
      aria-labelledby={headingId}
      className={cn('rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900', className)}
    >
      <h3 id={headingId} className="flex items-center gap-2 font-semibold">
        <CircleAlert aria-hidden="true" className="size-4 shrink-0 text-red-600" />
        {title}
      </h3>
      <p className="mt-1">{what}</p>
      {action && (
        <p className="mt-1">
          <strong className="font-semibold">What to do: </strong>
          <span>{action}</span>
        </p>
      )}
      {details}
      {(code ?? retry ?? actions) && (
        <div className="mt-2 flex flex-wrap items-center gap-3">
          {retry && (
            <Button
              variant="primary"
              onClick={retry.onRetry}
              isLoading={retry.isPending}
              icon={<RotateCcw aria-hidden="true" className="size-4" />}
            >
              Retry
            </Button>
          )}
          {actions}
          {code && <span className="font-mono text-xs text-red-700">Error code: {code}</span>}
        </div>
      )}
      {footer}
    </section>
  );
}
