import { Trash2 } from 'lucide-react';
import { useState, type ReactNode } from 'react';

import { ErrorDisplay } from '@/components/common/ErrorDisplay';
import { Button } from '@/components/ui/Button';
import { Dialog } from '@/components/ui/Dialog';
import { RelativeTime } from '@/components/ui/RelativeTime';
import { Spinner } from '@/components/ui/Spinner';
import { errorMessage } from '@/lib/api-error';
import { formatDateTime } from '@/lib/time';

import { useDeadLetter } from '../api/get-dead-letter';
import type { DeadLetterDetail, RedrivePlan } from '../api/types';
import { formatPayload } from '../utils/format';

import { DiscardDialog } from './DiscardDialog';
import { OperationHistory } from './OperationHistory';
import { RedriveAction } from './RedriveAction';
import { StateBadge } from './DeadLetterTable';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium text-slate-500">{label}</dt>
      <dd className="text-sm break-words">{children}</dd>
    </div>
  );
}

const where = (topic: string | null, partition: number | null, offset: number | null) =>
  topic ? `${topic} · partition ${partition ?? '?'} · offset ${offset ?? '?'}` : '—';

function Detail({
  detail,
  onDiscard,
  onRedriveStarted,
}: {
  detail: DeadLetterDetail;
  onDiscard: () => void;
  onRedriveStarted: (plan: RedrivePlan) => void;
}) {
  const letter = detail.dead_letter;
  const headers = Object.entries(detail.headers).sort(([a], [b]) => a.localeCompare(b));
  return (
    <div className="space-y-5">
      <dl className="grid gap-3 sm:grid-cols-2">
        <Field label="Error code">
          <span className="font-mono">{letter.error_code}</span>
        </Field>
        <Field label="State">
          <StateBadge state={letter.state} />
          {letter.state_changed_by && (
            <span className="ml-2 text-xs text-slate-600">
              by {letter.state_changed_by}, {formatDateTime(letter.state_changed_at)}
            </span>
          )}
        </Field>
        <Field label="Exception class">
          <span className="font-mono text-xs">{letter.exception_class ?? '—'}</span>
        </Field>
        <Field label="Operation type">{letter.operation_type ?? '—'}</Field>
        <Field label="Operation">
          <span className="font-mono text-xs">{letter.operation_id ?? '—'}</span>
        </Field>
        <Field label="Attempts">{letter.attempts ?? '—'}</Field>
        <Field label="Dead-lettered">
          {formatDateTime(letter.dead_lettered_at)} (<RelativeTime iso={letter.dead_lettered_at} />)
        </Field>
        <Field label="Key">
          <span className="font-mono text-xs">{detail.key ?? '—'}</span>
        </Field>
        <Field label="Dead-letter record">{where(letter.topic, letter.partition, letter.offset)}</Field>
        <Field label="Original record">
          {where(letter.original_topic, letter.original_partition, letter.original_offset)}
        </Field>
        {letter.state_reason && <Field label="State reason">{letter.state_reason}</Field>}
        {letter.resolved_by_operation_id && (
          <Field label="Resolved by the user's retry">
            <span className="font-mono text-xs">{letter.resolved_by_operation_id}</span>
          </Field>
        )}
        {letter.redrive_operation_id && (
          <Field label="Redriven as operation">
            <span className="font-mono text-xs">{letter.redrive_operation_id}</span>
          </Field>
        )}
      </dl>

      {letter.state === 'resolved' && (
        <p role="note" className="rounded-md border border-sky-200 bg-sky-50 p-3 text-sm text-sky-950">
          Resolved by the user&apos;s retry: a later operation of this retry chain completed
          {letter.state_changed_at ? `, ${formatDateTime(letter.state_changed_at)}` : ''}. Nothing is left to
          do; it is not counted as open.
        </p>
      )}

      {letter.operation_id && <OperationHistory operationId={letter.operation_id} />}

      {letter.reason && (
        <section aria-label="Reason" className="space-y-1">
          <h3 className="text-sm font-semibold">Reason</h3>
          <p className="text-sm">{letter.reason}</p>
        </section>
      )}
      {detail.exception_message && (
        <section aria-label="Exception message" className="space-y-1">
          <h3 className="text-sm font-semibold">Exception message</h3>
          <pre className="max-h-48 overflow-auto rounded-md bg-slate-100 p-2 text-xs whitespace-pre-wrap">
            {detail.exception_message}
          </pre>
        </section>
      )}

      <section aria-label="Headers" className="space-y-1">
        <h3 className="text-sm font-semibold">Headers</h3>
        {headers.length === 0 ? (
          <p className="text-sm text-slate-600">No headers.</p>
        ) : (
          <table className="w-full text-left text-xs">
            <thead className="sr-only">
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Value</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 font-mono">
              {headers.map(([name, value]) => (
                <tr key={name}>
                  <th
                    scope="row"
                    className="py-1 pr-3 align-top font-medium whitespace-nowrap text-slate-600"
                  >
                    {name}
                  </th>
                  <td className="py-1 break-all whitespace-pre-wrap">{value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-label="Payload" className="space-y-1">
        <h3 className="text-sm font-semibold">Payload</h3>
        <pre
          tabIndex={0}
          className="max-h-96 overflow-auto rounded-md bg-slate-900 p-3 text-xs text-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-600"
        >
          {formatPayload(detail.payload)}
        </pre>
      </section>

      {letter.state === 'open' && (
        <div className="flex flex-wrap gap-2 border-t border-slate-200 pt-4">
          {letter.operation_id && (
            <RedriveAction
              target={{ ids: [letter.id] }}
              label="Redrive this dead letter…"
              onStarted={onRedriveStarted}
            />
          )}
          <Button
            variant="danger"
            onClick={onDiscard}
            icon={<Trash2 aria-hidden="true" className="size-4" />}
          >
            Discard this dead letter…
          </Button>
        </div>
      )}
    </div>
  );
}

/** Everything about one dead letter: where it came from, why, its headers and payload. */
export function DeadLetterDrawer({
  id,
  onClose,
  onRedriveStarted,
}: {
  id: number;
  onClose: () => void;
  onRedriveStarted: (plan: RedrivePlan) => void;
}) {
  const detail = useDeadLetter(id);
  const [discarding, setDiscarding] = useState(false);

  return (
    <Dialog
      variant="drawer"
      title={`Dead letter #${id}`}
      description={
        detail.data ? `${detail.data.dead_letter.error_code} · ${detail.data.dead_letter.state}` : undefined
      }
      onClose={onClose}
    >
      {detail.isPending ? (
        <p className="flex items-center gap-2 text-sm text-slate-600">
          <Spinner /> Loading…
        </p>
      ) : detail.isError ? (
        <ErrorDisplay
          title="Couldn't load this dead letter"
          message={errorMessage(detail.error)}
          retry={{ onRetry: () => void detail.refetch(), isPending: detail.isFetching }}
        />
      ) : (
        <Detail
          detail={detail.data}
          onDiscard={() => setDiscarding(true)}
          onRedriveStarted={onRedriveStarted}
        />
      )}
      {discarding && <DiscardDialog target={{ ids: [id] }} onClose={() => setDiscarding(false)} />}
    </Dialog>
  );
}
