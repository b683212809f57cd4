import { useCallback, useEffect, useState } from 'react';

import type { AppContext } from './appContext';
import { ApiError, apiFetch } from './bridge';
import { takePrefetched } from './prefetch';

/** The key under which an entry may {@link prefetch} the context before rendering. */
export const APP_CONTEXT_PATH = '/api/context';

/** The request {@link useAppContext} sends; entries call it early through `prefetch`. */
export function loadAppContext(): Promise<AppContext> {
  return apiFetch<AppContext>(APP_CONTEXT_PATH);
}

export type AppContextState =
  | { status: 'loading' }
  | { status: 'ready'; context: AppContext }
  | { status: 'error'; error: ApiError };

/**
 * Loads `/api/context` once on mount (or takes the request the entry already started);
 * `retry()` loads it again.
 * Every surface uses this instead of calling the bridge itself.
 */
export function useAppContext(): AppContextState & { retry: () => void } {
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<AppContextState>({ status: 'loading' });

  useEffect(() => {
    let current = true;
    setState({ status: 'loading' });
    ((attempt === 0 ? takePrefetched<AppContext>(APP_CONTEXT_PATH) : undefined) ?? loadAppContext()).then(
      (context) => {
        if (current) setState({ status: 'ready', context });
      },
      (error: unknown) => {
        if (current) setState({ status: 'error', error: asApiError(error) });
      },
    );
    return () => {
      current = false;
    };
  }, [attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...state, retry };
}

/** Any failure as an ApiError, so a surface can always show a title and a detail. */
export function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError(0, {
    title: 'Something went wrong',
    detail: error instanceof Error ? error.message : String(error),
  });
}
