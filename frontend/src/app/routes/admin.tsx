import { getRouteApi } from '@tanstack/react-router';

import { DeadLetterConsole } from '@/features/dead-letters/components/DeadLetterConsole';
import { consoleSearch, readConsoleView } from '@/features/dead-letters/utils/console-url';
import { SimulatorPanel } from '@/features/simulator/components/SimulatorPanel';

const route = getRouteApi('/signed-in/admin');

export function AdminRoute() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  return (
    <div className="mx-auto max-w-6xl space-y-6 p-4">
      <div className="space-y-1">
        <h1 className="text-xl font-semibold">Dead letters</h1>
        <p className="text-sm text-slate-600">
          Operations that failed for good land on the dead-letter topic. Find the cause, then redrive them as
          new operations or discard them with a reason.
        </p>
      </div>
      {/*
        The simulator panel (local runs only: make the AI fail for everyone, to watch retries, dead
        letters and redrives happen) appears once its state has loaded, so it sits beside the console
        on wide screens and after it on narrow ones: its arrival never pushes the console down.
      */}
      <div className="grid gap-6 lg:grid-cols-[1fr_18rem]">
        <div className="min-w-0">
          <DeadLetterConsole
            view={readConsoleView(search)}
            onShow={(filter, page) => void navigate({ search: consoleSearch(filter, page) })}
          />
        </div>
        <aside className="space-y-4">
          <SimulatorPanel />
        </aside>
      </div>
    </div>
  );
}
