/**
 * CSV exports of the admin views. The backend needs the app's token on every request, which a
 * plain link cannot send: the file is fetched through the request helper and handed to the
 * browser as a download.
 */
import { apiFetch } from '../../../bridge';

export async function downloadCsv(path: string, filename: string): Promise<void> {
  const text = await apiFetch<string>(path, { headers: { Accept: 'text/csv' } });
  const url = URL.createObjectURL(new Blob([typeof text === 'string' ? text : ''], { type: 'text/csv' }));
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = filename;
    document.body.appendChild(link);
    link.click();
    link.remove();
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** `?a=1&b=2` of the values that are set. */
export function query(values: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) {
    if (value !== undefined && value !== '') params.set(name, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}
