import { Trash2 } from 'lucide-react';
import { useId, useRef, useState, type FormEvent } from 'react';
import toast from 'react-hot-toast';

import { Button } from '@/components/ui/Button';
import { Dialog } from '@/components/ui/Dialog';
import { Spinner } from '@/components/ui/Spinner';
import { errorMessage } from '@/lib/api-error';

import { useDiscardDeadLetters } from '../api/discard-dead-letters';
import { useDeadLetterCount } from '../api/get-dead-letters';
import type { DeadLetterFilter } from '../api/types';
import { describeFilter } from '../utils/console-url';
import { pluralize } from '../utils/format';

export type DiscardTarget = { filter: DeadLetterFilter } | { ids: number[] };

/** Discarding is for good, so it says how many match and asks why (the reason is audited). */
export function DiscardDialog({ target, onClose }: { target: DiscardTarget; onClose: () => void }) {
  const id = useId();
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const [reason, setReason] = useState('');
  const [missingReason, setMissingReason] = useState(false);
  const byFilter = 'filter' in target;
  // Only open dead letters are discarded, whatever state the list shows.
  const filter: DeadLetterFilter = byFilter ? { ...target.filter, state: 'open' } : {};
  const count = useDeadLetterCount(filter, { enabled: byFilter });
  const matching = byFilter ? count.data : target.ids.length;
  const discard = useDiscardDeadLetters({
    onSuccess: (result) => {
      toast.success(`Discarded ${pluralize(result.discarded, 'dead letter')}.`);
      onClose();
    },
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const why = reason.trim();
    if (!why) {
      setMissingReason(true);
      reasonRef.current?.focus();
      return;
    }
    discard.mutate(byFilter ? { filter, reason: why } : { ids: target.ids, reason: why });
  };

  const what = byFilter
    ? `open dead letters matching ${describeFilter(filter)}`
    : `dead letter ${target.ids.map((one) => `#${one}`).join(', ')}`;

  return (
    <Dialog title="Discard dead letters" description={`Discard the ${what}.`} onClose={onClose}>
      <form onSubmit={submit} noValidate className="space-y-4">
        <p className="text-sm" data-testid="discard-count">
          {matching === undefined ? (
            <span className="flex items-center gap-2 text-slate-600">
              <Spinner /> Counting…
            </span>
          ) : (
            <>
              <strong>
                {byFilter
                  ? pluralize(matching, 'open dead letter matches', 'open dead letters match')
                  : pluralize(matching, 'dead letter', 'dead letters') + ' selected'}
              </strong>
              . Discarded dead letters are never redriven.
            </>
          )}
        </p>
        {count.isError && (
          <p className="text-sm text-red-700">Couldn't count them: {errorMessage(count.error)}</p>
        )}

        <div className="space-y-1">
          <label htmlFor={`${id}-reason`} className="text-sm font-medium">
            Reason (required)
          </label>
          <textarea
            id={`${id}-reason`}
            ref={reasonRef}
            data-autofocus
            required
            rows={3}
            value={reason}
            onChange={(event) => {
              setReason(event.target.value);
              if (event.target.value.trim()) setMissingReason(false);
            }}
            aria-invalid={missingReason || undefined}
            aria-describedby={`${id}-reason-help${missingReason ? ` ${id}-reason-error` : ''}`}
            className="w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm focus-visible:outline-2 focus-visible:outline-indigo-600 aria-invalid:border-red-500"
          />
          <p id={`${id}-reason-help`} className="text-xs text-slate-600">
            Kept in the audit trail with your name, e.g. "load test noise".
          </p>
          {missingReason && (
            <p id={`${id}-reason-error`} role="alert" className="text-sm text-red-700">
              Give a reason to discard.
            </p>
          )}
        </div>

        {discard.isError && (
          <p role="alert" className="text-sm text-red-700">
            {errorMessage(discard.error)}
          </p>
        )}

        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button
            type="submit"
            variant="danger"
            isLoading={discard.isPending}
            disabled={matching === 0}
            icon={<Trash2 aria-hidden="true" className="size-4" />}
          >
            {matching === undefined ? 'Discard' : `Discard ${matching}`}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
