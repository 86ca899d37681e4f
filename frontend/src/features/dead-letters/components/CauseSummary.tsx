import { ErrorDisplay } from '@/components/common/ErrorDisplay';
import { RelativeTime } from '@/components/ui/RelativeTime';
import { Spinner } from '@/components/ui/Spinner';
import { errorMessage } from '@/lib/api-error';
import { cn } from '@/lib/cn';

import { useDeadLetterSummary } from '../api/get-dead-letter-summary';
import type { DeadLetterFilter, DeadLetterGroup } from '../api/types';
import { pluralize, simpleClassName } from '../utils/format';
import { stacked } from '../utils/stacked-table';

export function groupFilter(group: DeadLetterGroup): DeadLetterFilter {
  // A null field (a poison record has no operation type) cannot be filtered on: leave it open.
  return {
    error_code: group.error_code,
    exception_class: group.exception_class ?? undefined,
    operation_type: group.operation_type ?? undefined,
    state: 'open',
  };
}

function isSelected(group: DeadLetterGroup, filter: DeadLetterFilter): boolean {
  return (
    filter.error_code === group.error_code &&
    (filter.exception_class ?? null) === group.exception_class &&
    (filter.operation_type ?? null) === group.operation_type
  );
}

/** Open dead letters grouped by cause, biggest first; choosing a group filters the list below. */
export function CauseSummary({
  filter,
  onSelect,
}: {
  filter: DeadLetterFilter;
  onSelect: (filter: DeadLetterFilter) => void;
}) {
  const summary = useDeadLetterSummary('open');

  if (summary.isPending) {
    return (
      <p className="flex items-center gap-2 text-sm text-slate-600">
        <Spinner /> Loading the summary…
      </p>
    );
  }
  if (summary.isError) {
    return (
      <ErrorDisplay
        title="Couldn't load the summary"
        message={`${errorMessage(summary.error)} What to do: try again.`}
        retry={{ onRetry: () => void summary.refetch(), isPending: summary.isFetching }}
      />
    );
  }
  if (summary.data.groups.length === 0) {
    return <p className="text-sm text-slate-600">No open dead letters. Nothing needs attention.</p>;
  }

  const { total, groups } = summary.data;
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className={stacked.table}>
        <caption className="block px-3 pt-3 pb-1 text-left text-xs text-slate-600 md:table-caption">
          {pluralize(total, 'open dead letter')} in {pluralize(groups.length, 'group')}. Choose one to list
          them.
        </caption>
        <thead className={stacked.head}>
          <tr>
            <th scope="col" className="px-3 py-2">
              Error code
            </th>
            <th scope="col" className="px-3 py-2">
              Exception
            </th>
            <th scope="col" className="px-3 py-2">
              Type
            </th>
            <th scope="col" className="px-3 py-2 text-right">
              Count
            </th>
            <th scope="col" className="px-3 py-2">
              Oldest
            </th>
            <th scope="col" className="px-3 py-2">
              Newest
            </th>
          </tr>
        </thead>
        <tbody className={stacked.body}>
          {groups.map((group) => {
            const selected = isSelected(group, filter);
            const exception = simpleClassName(group.exception_class);
            return (
              <tr
                key={`${group.error_code}|${group.exception_class ?? ''}|${group.operation_type ?? ''}`}
                onClick={() => onSelect(groupFilter(group))}
                className={cn(stacked.row, 'cursor-pointer hover:bg-slate-50', selected && 'bg-indigo-50')}
              >
                <td data-label="Error code" className={stacked.cell}>
                  <button
                    type="button"
                    aria-pressed={selected}
                    aria-label={`${group.error_code}, ${exception}, ${group.operation_type ?? 'no type'}: list ${pluralize(group.count, 'dead letter')}`}
                    onClick={(event) => {
                      event.stopPropagation();
                      onSelect(groupFilter(group));
                    }}
                    className="rounded font-mono font-medium text-indigo-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600"
                  >
                    {group.error_code}
                  </button>
                </td>
                <td
                  data-label="Exception"
                  className={cn(stacked.cell, 'font-mono text-xs')}
                  title={group.exception_class ?? undefined}
                >
                  {exception}
                </td>
                <td data-label="Type" className={stacked.cell}>
                  {group.operation_type ?? '—'}
                </td>
                <td
                  data-label="Count"
                  className={cn(stacked.cell, 'md:text-right font-semibold tabular-nums')}
                >
                  {group.count}
                </td>
                <td data-label="Oldest" className={cn(stacked.cell, 'whitespace-nowrap')}>
                  <RelativeTime iso={group.oldest} />
                </td>
                <td data-label="Newest" className={cn(stacked.cell, 'whitespace-nowrap')}>
                  <RelativeTime iso={group.newest} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
