import { DeadLetterConsole } from '@/features/dead-letters/components/DeadLetterConsole';
import { SimulatorPanel } from '@/features/simulator/components/SimulatorPanel';

export function AdminRoute() {
  return (
    <div className="mx-auto max-w-6xl space-y-6 p-4">
      <div className="space-y-1">
        <h1 className="text-xl font-semibold">Dead letters</h1>
        <p className="text-sm text-slate-600">
          Operations that failed for good land on the dead-letter topic. Find the cause, then redrive them as
          new operations or discard them with a reason.
        </p>
      </div>
      {/* Local runs only: make the AI fail for everyone, to watch retries, dead letters and redrives happen. */}
      <div className="max-w-md">
        <SimulatorPanel />
      </div>
      <DeadLetterConsole />
    </div>
  );
}
