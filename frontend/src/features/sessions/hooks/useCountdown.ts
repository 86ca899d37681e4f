import { useEffect, useState } from 'react';

function secondsLeft(target: number): number {
  return Math.max(0, Math.ceil((target - Date.now()) / 1000));
}

/**
 * Whole seconds until `target` (epoch ms), updated on each second boundary.
 * Key the calling component by the target so a new target starts a fresh count.
 */
export function useCountdown(target: number): number {
  const [seconds, setSeconds] = useState(() => secondsLeft(target));

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = () => {
      const remaining = target - Date.now();
      setSeconds(secondsLeft(target));
      if (remaining > 0) {
        // Wake up right after the next whole-second boundary of the countdown.
        timer = setTimeout(tick, remaining % 1000 || 1000);
      }
    };
    const remaining = target - Date.now();
    if (remaining > 0) {
      timer = setTimeout(tick, remaining % 1000 || 1000);
    }
    return () => clearTimeout(timer);
  }, [target]);

  return seconds;
}
