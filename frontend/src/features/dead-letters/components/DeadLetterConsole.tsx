import { Trash2 } from 'lucide-react';
import { useState } from 'react';

import { useAnnounce } from '@/components/common/LiveAnnouncer';
import { Button } from '@/components/ui/Button';

import type { DeadLetterFilter, RedrivePlan } from '../api/types';
import { consoleSearch, type ConsoleView } from '../utils/console-url';

import { CauseSummary } from './CauseSummary';
import { DeadLetterDrawer } from './DeadLetterDrawer';
import { DeadLetterFilters } from './DeadLetterFilters';
import { DeadLetterTable } from './DeadLetterTable';
import { DiscardDialog } from './DiscardDialog';
import { RedriveAction } from './RedriveAction';
import { RedriveProgress } from './RedriveProgress';

/**
 * The SRE's dead-letter console: open dead letters by cause, the filtered list with each
 * record's detail, and redrive or discard for the current filter. The filter and page live in
 * the URL (`/admin?error_code=AI_UNAVAILABLE&page=1`).
 */
export function DeadLetterConsole({
  view: { filter, page },
  onShow,
}: {
  view: ConsoleView;
  /** Shows another filter or page (the route puts it in the URL). */
  onShow: (filter: DeadLetterFilter, page: number) => void;
}) {
  const [openId, setOpenId] = useState<number | null>(null);
  const [discarding, setDiscarding] = useState(false);
  const [redrives, setRedrives] = useState<number[]>([]);
  const announce = useAnnounce();
  const actionable = filter.state === 'open' || filter.state === 'all';

  const redriveStarted = (plan: RedrivePlan) => {
    announce(`Redrive started for ${plan.matched === 1 ? '1 dead letter' : `${plan.matched} dead letters`}.`);
    setRedrives((running) => [plan.audit_id, ...running]);
  };

  const show = (next: DeadLetterFilter, nextPage = 0) => onShow(next, nextPage);

  return (
    <div className="space-y-8">
      <section aria-labelledby="dl-summary-heading" className="space-y-2">
        <h2 id="dl-summary-heading" className="text-base font-semibold">
          Open dead letters by cause
        </h2>
        <CauseSummary filter={filter} onSelect={(next) => show(next)} />
      </section>

      <section aria-labelledby="dl-list-heading" className="space-y-3">
        <h2 id="dl-list-heading" className="text-base font-semibold">
          Dead letters
        </h2>
        <DeadLetterFilters
          key={JSON.stringify(consoleSearch(filter))}
          value={filter}
          onApply={(next) => show(next)}
        />

        <div className="flex flex-wrap items-center gap-2">
          <RedriveAction target={{ filter }} disabled={!actionable} onStarted={redriveStarted} />
          <Button
            variant="secondary"
            disabled={!actionable}
            onClick={() => setDiscarding(true)}
            icon={<Trash2 aria-hidden="true" className="size-4" />}
          >
            Discard…
          </Button>
          <p className="text-xs text-slate-600">
            {actionable
              ? 'Both act on the open dead letters that match the filter.'
              : 'Only open dead letters can be redriven or discarded: set the state to Open or All.'}
          </p>
        </div>

        {redrives.map((auditId) => (
          <RedriveProgress
            key={auditId}
            auditId={auditId}
            onDismiss={() => setRedrives((running) => running.filter((id) => id !== auditId))}
          />
        ))}

        <DeadLetterTable
          filter={filter}
          page={page}
          onPage={(next) => show(filter, next)}
          onOpen={setOpenId}
        />
      </section>

      {openId !== null && (
        <DeadLetterDrawer
          id={openId}
          onClose={() => setOpenId(null)}
          onRedriveStarted={(plan) => {
            setOpenId(null);
            redriveStarted(plan);
          }}
        />
      )}
      {discarding && <DiscardDialog target={{ filter }} onClose={() => setDiscarding(false)} />}
    </div>
  );
}
