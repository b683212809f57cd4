import type { ApiError } from './bridge';

// On its own (not in assessment.ts) so that every page showing a problem need not load the assessment code.

/**
 * "Try again in 30 seconds." for a 429 or 503 problem with `retryAfterSeconds`; undefined otherwise.
 */
export function retryAfterText(error: ApiError): string | undefined {
  if (error.status !== 429 && error.status !== 503) return undefined;
  const seconds = Number(error.problem?.retryAfterSeconds);
  if (!Number.isFinite(seconds) || seconds <= 0) return undefined;
  const rounded = Math.ceil(seconds);
  if (rounded < 90) return `Try again in ${rounded} second${rounded === 1 ? '' : 's'}.`;
  const minutes = Math.ceil(rounded / 60);
  return `Try again in ${minutes} minutes.`;
}
