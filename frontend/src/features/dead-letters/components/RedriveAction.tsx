import { Play, RotateCcw } from 'lucide-react';
import { useId, useState, type FormEvent } from 'react';

import { ErrorDisplay } from '@/components/common/ErrorDisplay';
import { Button } from '@/components/ui/Button';
import { Dialog } from '@/components/ui/Dialog';
import { Spinner } from '@/components/ui/Spinner';
import { errorMessage } from '@/lib/api-error';

import {
  DEFAULT_MAX_RECORDS,
  DEFAULT_RATE_PER_SECOND,
  useRedriveDryRun,
  useStartRedrive,
} from '../api/redrive-dead-letters';
import type { RedrivePlan, RedriveTarget } from '../api/types';
import { describeFilter } from '../utils/console-url';
import { pluralize } from '../utils/format';
import { describeDryRun } from '../utils/outcomes';

const MAX_RATE = 1_000;

function parseRate(text: string): number | null {
  const rate = Number(text);
  return text.trim() !== '' && Number.isFinite(rate) && rate > 0 && rate <= MAX_RATE ? rate : null;
}

function Confirm({
  plan,
  target,
  onCancel,
  onStarted,
}: {
  plan: RedrivePlan;
  target: RedriveTarget;
  onCancel: () => void;
  onStarted: (plan: RedrivePlan) => void;
}) {
  const id = useId();
  const [rateText, setRateText] = useState(String(DEFAULT_RATE_PER_SECOND));
  const [permanentAccepted, setPermanentAccepted] = useState(false);
  const rate = parseRate(rateText);
  const mustAccept = plan.permanent > 0 && !permanentAccepted;
  const start = useStartRedrive({ onStarted });
  const lines = describeDryRun(plan.outcomes);
  const redrivable = plan.outcomes.would_redrive ?? 0;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (rate !== null && redrivable > 0 && !mustAccept) {
      // Exactly what the dry run looked at, whatever the page shows by now.
      start.mutate({ ...target, ratePerSecond: rate, maxRecords: DEFAULT_MAX_RECORDS });
    }
  };

  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <div className="space-y-2 text-sm">
        <p>
          <strong>{pluralize(plan.matched, 'open dead letter matches', 'open dead letters match')}.</strong>
          {plan.matched >= DEFAULT_MAX_RECORDS && ` Only the oldest ${DEFAULT_MAX_RECORDS} are included.`}
        </p>
        {lines.length > 0 && (
          <ul aria-label="Dry run" className="list-disc space-y-0.5 pl-5">
            {lines.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        )}
        {plan.permanent > 0 && (
          <div role="alert" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-950">
            <p>
              <strong>
                {plan.permanent === plan.matched
                  ? plan.matched === 1
                    ? 'This one failed permanently.'
                    : `All ${plan.matched} failed permanently.`
                  : `${plan.permanent} of the ${plan.matched} failed permanently.`}
              </strong>{' '}
              The worker did not retry them (the AI service refused the request, or it was invalid or over a
              quota): redriven as they are, they will most likely fail the same way.
            </p>
            <label className="mt-2 flex items-center gap-2">
              <input
                type="checkbox"
                checked={permanentAccepted}
                onChange={(event) => setPermanentAccepted(event.target.checked)}
                className="size-4"
              />
              Redrive them anyway (the cause was fixed)
            </label>
          </div>
        )}
        <p className="text-slate-600">
          {redrivable > 0
            ? 'Each one that is redriven becomes a new operation, linked to its failed one.'
            : 'Nothing to redrive: none of them has a failed operation waiting for a retry.'}
        </p>
      </div>

      {redrivable > 0 && (
        <div className="space-y-1">
          <label htmlFor={`${id}-rate`} className="text-sm font-medium">
            Rate (per second)
          </label>
          <input
            id={`${id}-rate`}
            type="number"
            inputMode="decimal"
            min={0.1}
            max={MAX_RATE}
            step="any"
            // The counts arrive after the dialog opened: take the focus from its panel.
            autoFocus
            value={rateText}
            onChange={(event) => setRateText(event.target.value)}
            aria-invalid={rate === null || undefined}
            aria-describedby={`${id}-rate-help`}
            className="w-28 rounded-md border border-slate-300 px-2 py-1.5 text-sm focus-visible:outline-2 focus-visible:outline-indigo-600 aria-invalid:border-red-500"
          />
          <p
            id={`${id}-rate-help`}
            className={rate === null ? 'text-xs text-red-700' : 'text-xs text-slate-600'}
          >
            {rate === null
              ? `Give a rate above 0 and at most ${MAX_RATE}.`
              : `About ${Math.max(1, Math.ceil(redrivable / rate))} s for ${pluralize(redrivable, 'operation')}.`}
          </p>
        </div>
      )}

      {start.isError && (
        <p role="alert" className="text-sm text-red-700">
          {errorMessage(start.error)}
        </p>
      )}

      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onCancel} autoFocus={redrivable === 0}>
          {redrivable > 0 ? 'Cancel' : 'Close'}
        </Button>
        {redrivable > 0 && (
          <Button
            type="submit"
            isLoading={start.isPending}
            disabled={rate === null || mustAccept}
            icon={<Play aria-hidden="true" className="size-4" />}
          >
            Redrive {redrivable}
          </Button>
        )}
      </div>
    </form>
  );
}

const openOnly = (target: RedriveTarget): RedriveTarget =>
  // Only open dead letters are redriven, whatever state the list shows.
  'ids' in target ? target : { filter: { ...target.filter, state: 'open' } };

const describeTarget = (target: RedriveTarget) =>
  'ids' in target
    ? target.ids.length === 1
      ? `Dead letter #${target.ids[0]}, if it is still open.`
      : `Dead letters ${target.ids.map((id) => `#${id}`).join(', ')}, those still open.`
    : `Open dead letters matching ${describeFilter(target.filter)}.`;

/**
 * "Redrive…" for the open dead letters that match a filter, or for chosen ones by id: a dry run
 * first, whose counts the SRE confirms (with a rate, and explicitly when permanent failures are
 * among them) in a dialog, and only then the real redrive.
 */
export function RedriveAction({
  target,
  label = 'Redrive…',
  disabled,
  onStarted,
}: {
  target: RedriveTarget;
  label?: string;
  disabled?: boolean;
  onStarted: (plan: RedrivePlan) => void;
}) {
  const [open, setOpen] = useState(false);
  const dryRun = useRedriveDryRun();
  const runDryRun = () => dryRun.mutate({ ...openOnly(target), maxRecords: DEFAULT_MAX_RECORDS });
  const planned: RedriveTarget = dryRun.variables ?? openOnly(target);

  return (
    <>
      <Button
        variant={'ids' in target ? 'secondary' : 'primary'}
        disabled={disabled}
        onClick={() => {
          setOpen(true);
          runDryRun();
        }}
        icon={<RotateCcw aria-hidden="true" className="size-4" />}
      >
        {label}
      </Button>
      {open && (
        <Dialog
          title="Redrive dead letters"
          description={describeTarget(planned)}
          onClose={() => setOpen(false)}
        >
          {dryRun.isPending || dryRun.isIdle ? (
            <p className="flex items-center gap-2 text-sm text-slate-600" role="status">
              <Spinner /> Checking what a redrive would do (dry run)…
            </p>
          ) : dryRun.isError ? (
            <ErrorDisplay
              title="The dry run failed"
              message={`${errorMessage(dryRun.error)} What to do: try again.`}
              retry={{ onRetry: runDryRun, isPending: false }}
            />
          ) : (
            <Confirm
              plan={dryRun.data}
              target={planned}
              onCancel={() => setOpen(false)}
              onStarted={(plan) => {
                setOpen(false);
                onStarted(plan);
              }}
            />
          )}
        </Dialog>
      )}
    </>
  );
}
