import { X } from 'lucide-react';
import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';

import { cn } from '@/lib/cn';

export interface DialogProps {
  title: ReactNode;
  /** Read out with the title when the dialog opens. */
  description?: ReactNode;
  onClose: () => void;
  children: ReactNode;
  /** `drawer` slides in from the right for reading; `modal` sits centred for a decision. */
  variant?: 'modal' | 'drawer';
  className?: string;
}

/**
 * A labelled modal dialog: render it to open it, unmount it to close it. Focus moves into it
 * (the first element marked `data-autofocus`, else the panel) and back to where it was on close;
 * Escape and the backdrop close it. No focus trap: Tab may leave it, as in a drawer.
 */
export function Dialog({ title, description, onClose, children, variant = 'modal', className }: DialogProps) {
  const titleId = useId();
  const descriptionId = useId();
  const panel = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const target = panel.current?.querySelector<HTMLElement>('[data-autofocus]') ?? panel.current;
    target?.focus();
    return () => {
      if (previous?.isConnected) {
        previous.focus();
      }
    };
  }, []);

  const handleKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      // Only the innermost dialog closes: a dialog opened from a drawer leaves the drawer open.
      event.stopPropagation();
      onClose();
    }
  };

  const drawer = variant === 'drawer';
  return (
    <div
      className={cn('fixed inset-0 z-40 flex', drawer ? 'justify-end' : 'items-center justify-center p-4')}
    >
      <div aria-hidden="true" className="absolute inset-0 bg-slate-900/40" onClick={onClose} />
      <div
        ref={panel}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={description ? descriptionId : undefined}
        tabIndex={-1}
        onKeyDown={handleKeyDown}
        className={cn(
          'relative flex max-h-full flex-col bg-white shadow-xl focus:outline-none',
          drawer ? 'h-full w-full max-w-2xl' : 'w-full max-w-lg rounded-xl',
          className,
        )}
      >
        <div className="flex items-start justify-between gap-4 border-b border-slate-200 p-4">
          <div className="min-w-0 space-y-1">
            <h2 id={titleId} className="text-lg font-semibold break-words">
              {title}
            </h2>
            {description && (
              <div id={descriptionId} className="text-sm text-slate-600">
                {description}
              </div>
            )}
          </div>
          <button
            type="button"
            onClick={onClose}
            aria-label="Close"
            className="rounded-md p-1 text-slate-500 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-600"
          >
            <X aria-hidden="true" className="size-5" />
          </button>
        </div>
        <div className="min-h-0 flex-1 overflow-y-auto p-4">{children}</div>
      </div>
    </div>
  );
}
