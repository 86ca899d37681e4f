import type { AdminAction, RedriveOutcome } from '../api/types';

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

const DRY_RUN_PHRASES: Record<RedriveOutcome, (count: number) => string> = {
  would_redrive: (n) => `${n} will be redriven`,
  no_operation: (n) => plural(n, 'has no operation', 'have no operation'),
  already_retried: (n) => plural(n, 'was already retried', 'were already retried'),
  operation_not_failed: (n) =>
    plural(n, 'has an operation that is no longer failed', 'have an operation that is no longer failed'),
};

const ORDER: RedriveOutcome[] = ['would_redrive', 'no_operation', 'already_retried', 'operation_not_failed'];

/** "12 will be redriven", "3 have no operation", … (only the outcomes that occur). */
export function describeDryRun(outcomes: Partial<Record<RedriveOutcome, number>>): string[] {
  return ORDER.filter((outcome) => (outcomes[outcome] ?? 0) > 0).map((outcome) =>
    DRY_RUN_PHRASES[outcome](outcomes[outcome] ?? 0),
  );
}

const SKIP_LABELS: Record<string, string> = {
  no_operation: 'no operation',
  operation_not_failed: 'operation no longer failed',
  already_retried: 'already retried',
  already_handled: 'already handled by someone else',
  error: 'failed with an error',
};

export interface ActionProgress {
  matched: number;
  affected: number;
  skipped: { reason: string; count: number }[];
  /** Records looked at so far: affected plus skipped. */
  processed: number;
  finished: boolean;
}

function parseSkipped(detail: string | null): Record<string, number> {
  if (!detail) {
    return {};
  }
  try {
    const parsed = JSON.parse(detail) as { skipped?: unknown };
    const skipped = parsed.skipped;
    if (skipped && typeof skipped === 'object') {
      return Object.fromEntries(
        Object.entries(skipped).filter((entry): entry is [string, number] => typeof entry[1] === 'number'),
      );
    }
  } catch {
    // an unreadable detail only costs us the breakdown
  }
  return {};
}

export function actionProgress(action: AdminAction): ActionProgress {
  const skipped = Object.entries(parseSkipped(action.detail))
    .filter(([, count]) => count > 0)
    .map(([reason, count]) => ({ reason: SKIP_LABELS[reason] ?? reason.replaceAll('_', ' '), count }));
  const processed = action.affected + skipped.reduce((sum, entry) => sum + entry.count, 0);
  return {
    matched: action.matched,
    affected: action.affected,
    skipped,
    processed: Math.min(processed, action.matched),
    finished: action.finished_at != null,
  };
}

export function describeSkipped(skipped: ActionProgress['skipped']): string {
  return skipped.map(({ reason, count }) => `${count} ${reason}`).join(', ');
}
