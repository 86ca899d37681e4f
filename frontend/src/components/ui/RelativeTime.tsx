import { formatDateTime, formatRelative } from '@/lib/time';

/** "5 minutes ago", with the exact date and time on hover and in `dateTime`. */
export function RelativeTime({ iso }: { iso: string | null | undefined }) {
  return (
    <time dateTime={iso ?? undefined} title={formatDateTime(iso)}>
      {formatRelative(iso)}
    </time>
  );
}
