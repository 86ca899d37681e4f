import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import toast from 'react-hot-toast';

import { useAnnounce } from '@/components/common/LiveAnnouncer';

import { invalidateDeadLetters } from '../api/cache';
import { useAdminAction } from '../api/get-admin-action';
import { actionProgress, describeSkipped } from '../utils/outcomes';
import { pluralize } from '../utils/format';

/** Follows a running redrive every second; when it finishes, says so once and refreshes the lists. */
export function useRedriveProgress(auditId: number) {
  const queryClient = useQueryClient();
  const announce = useAnnounce();
  const action = useAdminAction(auditId);
  const progress = action.data ? actionProgress(action.data) : null;
  const finished = progress?.finished ?? false;
  const summary = progress
    ? `${pluralize(progress.affected, 'dead letter')} redriven` +
      (progress.skipped.length > 0 ? `, skipped: ${describeSkipped(progress.skipped)}` : '')
    : '';

  useEffect(() => {
    if (!finished) {
      return;
    }
    const message = `Redrive finished: ${summary}.`;
    toast.success(message, { id: `redrive-${auditId}` });
    announce(message);
    void invalidateDeadLetters(queryClient);
    // Runs once per redrive: a finished action's summary does not change any more.
  }, [finished, summary, auditId, announce, queryClient]);

  return { action, progress, summary };
}
