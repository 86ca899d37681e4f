import { CircleCheck, X } from 'lucide-react';
import { useId } from 'react';

import { ErrorDisplay } from '@/components/common/ErrorDisplay';
import { Button } from '@/components/ui/Button';
import { Spinner } from '@/components/ui/Spinner';
import { errorMessage } from '@/lib/api-error';

import { useRedriveProgress } from '../hooks/useRedriveProgress';

/** A running redrive: how far it got, redriven and skipped, until the server says it has finished. */
export function RedriveProgress({ auditId, onDismiss }: { auditId: number; onDismiss: () => void }) {
  const headingId = useId();
  const { action, progress, summary } = useRedriveProgress(auditId);

  return (
    <section
      aria-labelledby={headingId}
      className="space-y-2 rounded-lg border border-indigo-200 bg-indigo-50 p-3 text-sm text-indigo-950"
    >
      <div className="flex items-center justify-between gap-2">
        <h3 id={headingId} className="flex items-center gap-2 font-semibold">
          {progress?.finished ? (
            <CircleCheck aria-hidden="true" className="size-4 text-emerald-600" />
          ) : (
            <Spinner />
          )}
          Redrive #{auditId} {progress?.finished ? 'finished' : 'running'}
        </h3>
        {(progress?.finished || action.isError) && (
          <Button variant="ghost" onClick={onDismiss} icon={<X aria-hidden="true" className="size-4" />}>
            Dismiss
          </Button>
        )}
      </div>
      {action.isError && !progress ? (
        <ErrorDisplay title="Couldn't follow the redrive" message={errorMessage(action.error)} />
      ) : progress ? (
        <>
          <progress
            aria-label={`Redrive #${auditId} progress`}
            max={Math.max(progress.matched, 1)}
            value={progress.finished ? Math.max(progress.matched, 1) : progress.processed}
            className="h-2 w-full accent-indigo-600"
          />
          <p>
            {progress.processed} of {progress.matched} done: {summary}.
          </p>
        </>
      ) : (
        <p className="text-indigo-900">Starting…</p>
      )}
    </section>
  );
}
