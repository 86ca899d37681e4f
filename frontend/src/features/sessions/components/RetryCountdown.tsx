import { RefreshCw } from 'lucide-react';

import { useCountdown } from '../hooks/useCountdown';
import { attemptText, capitalized } from '../utils/operation-text';

interface Props {
  attempt: number;
  /** Null until a worker has said how many attempts its policy allows. */
  maxAttempts: number | null;
  /** Epoch milliseconds of the next automatic attempt. */
  nextRetryAt: number;
}

/** "Attempt 2 of 4 failed — retrying in 2 s", ticking each second. */
export function RetryCountdown({ attempt, maxAttempts, nextRetryAt }: Props) {
  const seconds = useCountdown(nextRetryAt);
  return (
    <span className="inline-flex items-center gap-2 text-amber-800">
      <RefreshCw aria-hidden="true" className="size-4 shrink-0" />
      <span>
        {capitalized(attemptText(attempt, maxAttempts))} failed —{' '}
        {seconds > 0 ? `retrying in ${seconds} s` : 'retrying now…'}
      </span>
    </span>
  );
}
