/** Dates and times of the stand-up in words, in the user's Jira time zone (the server's `timeZone`). */

/** "Sunday, 6 December" for `2026-12-06` (a calendar date: no time zone moves it). */
export function dateInWords(isoDate: string, withYear = false): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return isoDate || 'today';
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  const parts = new Intl.DateTimeFormat('en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  const words = `${part('weekday')}, ${part('day')} ${part('month')}`;
  return withYear ? `${words} ${part('year')}` : words;
}

/** "09:14" for an instant, in `timeZone` (the browser's own when it is not a known zone). */
export function timeInZone(instant: string, timeZone: string): string {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return '';
  const options: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
  try {
    return new Intl.DateTimeFormat('en-GB', { ...options, timeZone: timeZone || undefined }).format(date);
  } catch {
    return new Intl.DateTimeFormat('en-GB', options).format(date);
  }
}
