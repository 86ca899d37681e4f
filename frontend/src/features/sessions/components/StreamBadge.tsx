import { Radio, WifiOff } from 'lucide-react';

import type { StreamState } from '../hooks/useSessionEvents';

export function StreamBadge({ state }: { state: StreamState }) {
  if (state === 'open') {
    return (
      <span className="inline-flex items-center gap-1 rounded-full bg-emerald-100 px-2 py-0.5 text-xs text-emerald-800">
        <Radio aria-hidden="true" className="size-3" />
        Live updates
      </span>
    );
  }
  return (
    <span
      className="inline-flex items-center gap-1 rounded-full bg-amber-100 px-2 py-0.5 text-xs text-amber-900"
      title="Live updates are not connected. While an AI request runs, the page checks for changes every 2 seconds."
    >
      <WifiOff aria-hidden="true" className="size-3" />
      {state === 'connecting' ? 'Connecting…' : 'Reconnecting…'}
    </span>
  );
}
