import { ChevronLeft, ChevronRight } from 'lucide-react';

import { ErrorDisplay } from '@/components/common/ErrorDisplay';
import { Button } from '@/components/ui/Button';
import { RelativeTime } from '@/components/ui/RelativeTime';
import { Spinner } from '@/components/ui/Spinner';
import { errorMessage } from '@/lib/api-error';
import { cn } from '@/lib/cn';

import { PAGE_SIZE, useDeadLetters } from '../api/get-dead-letters';
import type { DeadLetterFilter, DeadLetterState } from '../api/types';
import { shortId, simpleClassName } from '../utils/format';
import { stacked } from '../utils/stacked-table';

const STATE_STYLES: Record<DeadLetterState, string> = {
  open: 'bg-amber-100 text-amber-900',
  redriven: 'bg-emerald-100 text-emerald-900',
  discarded: 'bg-slate-200 text-slate-700',
  resolved: 'bg-sky-100 text-sky-900',
};

const STATE_LABELS: Record<DeadLetterState, string> = {
  open: 'open',
  redriven: 'redriven',
  discarded: 'discarded',
  resolved: "resolved by the user's retry",
};

export function StateBadge({ state }: { state: DeadLetterState }) {
  return (
    <span className={cn('rounded-full px-2 py-0.5 text-xs font-medium', STATE_STYLES[state])}>
      {STATE_LABELS[state]}
    </span>
  );
}

/** One page of dead letters, newest first; a row opens its detail. */
export function DeadLetterTable({
  filter,
  page,
  onPage,
  onOpen,
}: {
  filter: DeadLetterFilter;
  page: number;
  onPage: (page: number) => void;
  onOpen: (id: number) => void;
}) {
  const list = useDeadLetters(filter, page);

  if (list.isPending) {
    return (
      <p className="flex items-center gap-2 text-sm text-slate-600">
        <Spinner /> Loading dead letters…
      </p>
    );
  }
  if (list.isError) {
    return (
      <ErrorDisplay
        title="Couldn't load the dead letters"
        message={`${errorMessage(list.error)} What to do: check the filter and try again.`}
        retry={{ onRetry: () => void list.refetch(), isPending: list.isFetching }}
      />
    );
  }

  const { items, total } = list.data;
  if (items.length === 0) {
    return (
      <p className="rounded-lg border border-dashed border-slate-300 p-4 text-sm text-slate-600">
        {page > 0 && total > 0 ? 'This page is empty.' : 'No dead letters match this filter.'}
      </p>
    );
  }

  const first = page * PAGE_SIZE + 1;
  const last = page * PAGE_SIZE + items.length;
  const lastPage = Math.max(0, Math.ceil(total / PAGE_SIZE) - 1);
  return (
    <div className="space-y-2">
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table aria-busy={list.isPlaceholderData || undefined} className={stacked.table}>
          <caption className="sr-only">Dead letters, newest first</caption>
          <thead className={stacked.head}>
            <tr>
              <th scope="col" className="px-3 py-2">
                ID
              </th>
              <th scope="col" className="px-3 py-2">
                Dead-lettered
              </th>
              <th scope="col" className="px-3 py-2">
                Error code
              </th>
              <th scope="col" className="px-3 py-2">
                Exception
              </th>
              <th scope="col" className="px-3 py-2">
                Type
              </th>
              <th scope="col" className="px-3 py-2">
                Operation
              </th>
              <th scope="col" className="px-3 py-2 text-right">
                Attempts
              </th>
              <th scope="col" className="px-3 py-2">
                State
              </th>
            </tr>
          </thead>
          <tbody className={cn(stacked.body, list.isPlaceholderData && 'opacity-60')}>
            {items.map((item) => (
              <tr
                key={item.id}
                onClick={() => onOpen(item.id)}
                className={cn(stacked.row, 'cursor-pointer hover:bg-slate-50')}
              >
                <td data-label="ID" className={stacked.cell}>
                  <button
                    type="button"
                    aria-label={`Open dead letter ${item.id}`}
                    onClick={(event) => {
                      event.stopPropagation();
                      onOpen(item.id);
                    }}
                    className="rounded font-mono text-indigo-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600"
                  >
                    #{item.id}
                  </button>
                </td>
                <td data-label="Dead-lettered" className={cn(stacked.cell, 'whitespace-nowrap')}>
                  <RelativeTime iso={item.dead_lettered_at} />
                </td>
                <td data-label="Error code" className={cn(stacked.cell, 'font-mono text-xs')}>
                  {item.error_code}
                </td>
                <td
                  data-label="Exception"
                  className={cn(stacked.cell, 'font-mono text-xs')}
                  title={item.exception_class ?? undefined}
                >
                  {simpleClassName(item.exception_class)}
                </td>
                <td data-label="Type" className={stacked.cell}>
                  {item.operation_type ?? '—'}
                </td>
                <td
                  data-label="Operation"
                  className={cn(stacked.cell, 'font-mono text-xs')}
                  title={item.operation_id ?? undefined}
                >
                  {shortId(item.operation_id)}
                </td>
                <td data-label="Attempts" className={cn(stacked.cell, 'md:text-right tabular-nums')}>
                  {item.attempts ?? '—'}
                </td>
                <td data-label="State" className={stacked.cell}>
                  <StateBadge state={item.state} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav aria-label="Pages" className="flex items-center justify-between gap-2 text-sm text-slate-600">
        <span>
          {first}–{last} of {total}
        </span>
        <span className="flex gap-2">
          <Button
            variant="secondary"
            disabled={page === 0}
            onClick={() => onPage(page - 1)}
            icon={<ChevronLeft aria-hidden="true" className="size-4" />}
          >
            Previous
          </Button>
          <Button
            variant="secondary"
            disabled={page >= lastPage || list.isPlaceholderData}
            onClick={() => onPage(page + 1)}
            icon={<ChevronRight aria-hidden="true" className="size-4" />}
          >
            Next
          </Button>
        </span>
      </nav>
    </div>
  );
}
