import { LoaderCircle } from 'lucide-react';

import { cn } from '@/lib/cn';

/** Decorative: pair it with text or aria-busy so assistive tech hears what is loading. */
export function Spinner({ className }: { className?: string }) {
  return (
    <LoaderCircle
      aria-hidden="true"
      data-testid="spinner"
      className={cn('size-4 shrink-0 animate-spin', className)}
    />
  );
}
