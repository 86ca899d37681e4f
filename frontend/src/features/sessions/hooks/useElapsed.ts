import { useEffect, useState } from 'react';

function secondsSince(start: number): number {
  return Math.max(0, Math.floor((Date.now() - start) / 1000));
}

/**
 * Whole seconds since `start` (epoch ms), updated on each second boundary.
 * Key the calling component by the start so a new start counts from zero.
 */
export function useElapsed(start: number): number {
  const [seconds, setSeconds] = useState(() => secondsSince(start));

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = () => {
      setSeconds(secondsSince(start));
      // Wake up right after the next whole-second boundary since the start.
      timer = setTimeout(tick, 1000 - (Math.max(0, Date.now() - start) % 1000));
    };
    timer = setTimeout(tick, 1000 - (Math.max(0, Date.now() - start) % 1000));
    return () => clearTimeout(timer);
  }, [start]);

  return seconds;
}
