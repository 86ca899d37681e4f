import { FlaskConical, Power, Trash2 } from 'lucide-react';
import { useId, useState } from 'react';

import { Button } from '@/components/ui/Button';
import { Spinner } from '@/components/ui/Spinner';
import { cn } from '@/lib/cn';

import { useAddFault } from '../api/add-fault';
import { useClearFaults } from '../api/clear-faults';
import { useSimulator } from '../api/get-simulator';
import type { NewFault, SimulatorFault } from '../api/types';

export const TIMEOUT_DELAY_MS = 65_000;

/** An outage: 503 on every call until cleared (no count, no delay). */
export function isOutage(fault: SimulatorFault): boolean {
  return fault.status === 503 && fault.times == null && fault.delay_ms == null;
}

export function describeFault(fault: SimulatorFault): string {
  const what =
    fault.delay_ms != null && fault.delay_ms > 0
      ? `Delay ${Math.round(fault.delay_ms / 1000)} s${fault.status ? ` then ${fault.status}` : ''}`
      : `HTTP ${fault.status ?? '?'}`;
  const left = fault.remaining ?? fault.times;
  const howLong = left == null ? 'until cleared' : `next ${left} call${left === 1 ? '' : 's'}`;
  const retryAfter = fault.retry_after_seconds != null ? `, Retry-After ${fault.retry_after_seconds} s` : '';
  return `${what}, ${howLong}${retryAfter}`;
}

/** Local-profile controls to make the AI simulator fail; hidden where the simulator is absent. */
export function SimulatorPanel() {
  const simulator = useSimulator();
  const addFault = useAddFault();
  const clearFaults = useClearFaults();
  const [countText, setCountText] = useState('3');
  const count = Math.min(20, Math.max(1, Number.parseInt(countText, 10) || 1));
  const countId = useId();

  if (!simulator.data) {
    return null; // loading, not available (404) or unreachable: nothing to show
  }

  const faults = simulator.data.faults;
  const outage = faults.some(isOutage);
  const busy = addFault.isPending || clearFaults.isPending;
  const failNext = (fault: NewFault) => addFault.mutate({ ...fault, times: count });

  return (
    <section
      aria-labelledby={`${countId}-title`}
      className="space-y-3 rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm"
    >
      <h2 id={`${countId}-title`} className="flex items-center gap-2 font-semibold text-amber-900">
        <FlaskConical aria-hidden="true" className="size-4" />
        AI simulator
      </h2>

      <div className="flex items-center justify-between gap-2">
        <span id={`${countId}-outage`} className="font-medium">
          Outage
        </span>
        <button
          type="button"
          role="switch"
          aria-checked={outage}
          aria-labelledby={`${countId}-outage`}
          disabled={busy}
          onClick={() => (outage ? clearFaults.mutate() : addFault.mutate({ status: 503 }))}
          className={cn(
            'relative inline-flex h-6 w-11 items-center rounded-full transition-colors',
            'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:opacity-60',
            outage ? 'bg-red-600' : 'bg-slate-300',
          )}
        >
          <span
            aria-hidden="true"
            className={cn(
              'inline-block size-5 rounded-full bg-white shadow transition-transform',
              outage ? 'translate-x-5' : 'translate-x-0.5',
            )}
          />
        </button>
      </div>
      <p className="text-xs text-amber-900">
        {outage ? 'Every AI call answers 503 until cleared.' : 'The AI answers normally.'}
      </p>

      <fieldset className="space-y-2">
        <legend className="font-medium">Fail the next calls</legend>
        <div className="flex items-center gap-2">
          <label htmlFor={countId} className="text-xs">
            Calls
          </label>
          <input
            id={countId}
            type="number"
            min={1}
            max={20}
            value={countText}
            onChange={(event) => setCountText(event.target.value)}
            className="w-16 rounded-md border border-slate-300 px-2 py-1"
          />
        </div>
        <div className="flex flex-wrap gap-2">
          <Button
            variant="secondary"
            disabled={busy}
            aria-label={`Fail next ${count} with 503`}
            onClick={() => failNext({ status: 503 })}
          >
            503
          </Button>
          <Button
            variant="secondary"
            disabled={busy}
            aria-label={`Fail next ${count} with 429`}
            onClick={() => failNext({ status: 429, retry_after_seconds: 1 })}
          >
            429
          </Button>
          <Button
            variant="secondary"
            disabled={busy}
            aria-label={`Fail next ${count} with timeout`}
            onClick={() => failNext({ delay_ms: TIMEOUT_DELAY_MS })}
          >
            Timeout
          </Button>
        </div>
      </fieldset>

      <div className="flex items-center justify-between gap-2">
        <Button
          variant="ghost"
          disabled={busy || faults.length === 0}
          onClick={() => clearFaults.mutate()}
          icon={<Trash2 aria-hidden="true" className="size-4" />}
        >
          Clear
        </Button>
        {busy && <Spinner className="text-amber-800" />}
      </div>

      <div>
        <h3 className="text-xs font-semibold text-amber-900">Active faults</h3>
        {faults.length === 0 ? (
          <p className="flex items-center gap-1 text-xs text-amber-900">
            <Power aria-hidden="true" className="size-3" /> None
          </p>
        ) : (
          <ul aria-label="Active faults" className="list-disc pl-5 text-xs text-amber-950">
            {faults.map((fault, index) => (
              <li key={fault.id ?? index}>{describeFault(fault)}</li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
