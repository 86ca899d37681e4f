import { RefreshCw } from 'lucide-react';

import { useCountdown } from '../hooks/useCountdown';

interface Props {
  attempt: number;
  maxAttempts: number;
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
        Attempt {attempt} of {maxAttempts} failed —{' '}
        {seconds > 0 ? `retrying in ${seconds} s` : 'retrying now…'}
      </span>
    </span>
  );
}
