const date = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' });
const dateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

/** "4 Dec 2026" for an ISO date or time (dates are calendar days: shown in UTC). */
export function formatDate(value: string | null | undefined): string {
  return value ? date.format(new Date(value)) : '—';
}

/** "4 Dec 2026, 14:05" in the reader's own time zone. */
export function formatDateTime(value: string | Date | null | undefined): string {
  return value ? dateTime.format(typeof value === 'string' ? new Date(value) : value) : '—';
}

export function humanise(value: string): string {
  const s = value.replace(/_/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}
