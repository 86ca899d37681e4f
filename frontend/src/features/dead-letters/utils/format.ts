/** `com.example.RetriesExhaustedException` → `RetriesExhaustedException` (the full name goes in a title). */
export function simpleClassName(name: string | null | undefined): string {
  if (!name) {
    return '—';
  }
  return name.slice(name.lastIndexOf('.') + 1) || name;
}

/** A UUID is long; its first block is enough to tell operations apart in a table. */
export function shortId(id: string | null | undefined): string {
  return id ? (id.split('-')[0] ?? id) : '—';
}

/** Pretty-printed JSON when the payload is JSON, else the payload as it came. */
export function formatPayload(payload: string | null): string {
  if (payload == null || payload === '') {
    return '(empty)';
  }
  try {
    return JSON.stringify(JSON.parse(payload), null, 2);
  } catch {
    return payload;
  }
}

const pad = (value: number) => String(value).padStart(2, '0');

/** ISO instant → the `YYYY-MM-DDTHH:mm` an `<input type="datetime-local">` shows, in local time. */
export function toLocalInput(iso: string | undefined): string {
  const date = iso ? new Date(iso) : null;
  if (!date || Number.isNaN(date.getTime())) {
    return '';
  }
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The local time an `<input type="datetime-local">` holds → ISO instant, or undefined when empty. */
export function fromLocalInput(value: string): string | undefined {
  const date = value ? new Date(value) : null;
  return date && !Number.isNaN(date.getTime()) ? date.toISOString() : undefined;
}

export function pluralize(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
