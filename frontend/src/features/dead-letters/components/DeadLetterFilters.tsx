import { Filter, X } from 'lucide-react';
import { useId, useState, type FormEvent } from 'react';

import { Button } from '@/components/ui/Button';
import { OPERATION_TYPE_NAMES } from '@/lib/operation-types';

import type { DeadLetterFilter, StateFilter } from '../api/types';
import { STATES } from '../utils/console-url';
import { fromLocalInput, toLocalInput } from '../utils/format';

/** The operation types the API knows; an unknown one from the URL is still offered. */
const OPERATION_TYPES: readonly string[] = OPERATION_TYPE_NAMES;

const STATE_LABELS: Record<StateFilter, string> = {
  open: 'Open',
  resolved: "Resolved by the user's retry",
  redriven: 'Redriven',
  discarded: 'Discarded',
  all: 'All',
};

const inputClass =
  'w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm focus-visible:outline-2 focus-visible:outline-indigo-600';

/**
 * Edits a draft of the filter and applies it on submit. Key it by the applied filter so a
 * filter set elsewhere (a summary group, Back) replaces the draft.
 */
export function DeadLetterFilters({
  value,
  onApply,
}: {
  value: DeadLetterFilter & { state: StateFilter };
  onApply: (filter: DeadLetterFilter) => void;
}) {
  const id = useId();
  const [errorCode, setErrorCode] = useState(value.error_code ?? '');
  const [exceptionClass, setExceptionClass] = useState(value.exception_class ?? '');
  const [operationType, setOperationType] = useState(value.operation_type ?? '');
  const [state, setState] = useState<StateFilter>(value.state);
  const [since, setSince] = useState(toLocalInput(value.since));
  const types =
    operationType && !OPERATION_TYPES.includes(operationType)
      ? [...OPERATION_TYPES, operationType]
      : OPERATION_TYPES;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onApply({
      error_code: errorCode.trim().toUpperCase() || undefined,
      exception_class: exceptionClass.trim() || undefined,
      operation_type: operationType || undefined,
      state,
      since: fromLocalInput(since),
      until: value.until,
    });
  };

  return (
    <form
      role="search"
      aria-label="Filter dead letters"
      onSubmit={submit}
      className="grid gap-3 rounded-lg border border-slate-200 bg-white p-3 sm:grid-cols-2 lg:grid-cols-6"
    >
      <div className="space-y-1">
        <label htmlFor={`${id}-code`} className="text-xs font-medium text-slate-700">
          Error code
        </label>
        <input
          id={`${id}-code`}
          value={errorCode}
          onChange={(event) => setErrorCode(event.target.value)}
          placeholder="e.g. AI_UNAVAILABLE"
          className={`${inputClass} font-mono`}
        />
      </div>
      <div className="space-y-1 lg:col-span-2">
        <label htmlFor={`${id}-exception`} className="text-xs font-medium text-slate-700">
          Exception class
        </label>
        <input
          id={`${id}-exception`}
          value={exceptionClass}
          onChange={(event) => setExceptionClass(event.target.value)}
          placeholder="full or simple name"
          className={`${inputClass} font-mono`}
        />
      </div>
      <div className="space-y-1">
        <label htmlFor={`${id}-type`} className="text-xs font-medium text-slate-700">
          Type
        </label>
        <select
          id={`${id}-type`}
          value={operationType}
          onChange={(event) => setOperationType(event.target.value)}
          className={inputClass}
        >
          <option value="">Any type</option>
          {types.map((type) => (
            <option key={type} value={type}>
              {type}
            </option>
          ))}
        </select>
      </div>
      <div className="space-y-1">
        <label htmlFor={`${id}-state`} className="text-xs font-medium text-slate-700">
          State
        </label>
        <select
          id={`${id}-state`}
          value={state}
          onChange={(event) => setState(event.target.value as StateFilter)}
          className={inputClass}
        >
          {STATES.map((option) => (
            <option key={option} value={option}>
              {STATE_LABELS[option]}
            </option>
          ))}
        </select>
      </div>
      <div className="space-y-1">
        <label htmlFor={`${id}-since`} className="text-xs font-medium text-slate-700">
          Since
        </label>
        <input
          id={`${id}-since`}
          type="datetime-local"
          value={since}
          onChange={(event) => setSince(event.target.value)}
          className={inputClass}
        />
      </div>
      <div className="flex flex-wrap items-end gap-2 sm:col-span-2 lg:col-span-6">
        <Button type="submit" icon={<Filter aria-hidden="true" className="size-4" />}>
          Apply filter
        </Button>
        <Button
          variant="ghost"
          onClick={() => onApply({ state: 'open' })}
          icon={<X aria-hidden="true" className="size-4" />}
        >
          Clear filter
        </Button>
      </div>
    </form>
  );
}
