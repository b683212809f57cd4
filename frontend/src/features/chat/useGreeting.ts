import { useCallback, useEffect, useState } from 'react';

import { takePrefetched } from '../../prefetch';
import { asApiError } from '../../useAppContext';
import { loadGreeting, type Greeting } from './api';
import type { GreetingState } from './Greeting';

/** The key under which the entry may prefetch the greeting. */
export const GREETING_KEY = 'chat:greeting';

/** Loads the greeting once (or takes the request the entry started); `retry` loads it again. */
export function useGreeting(): { state: GreetingState; retry: () => void } {
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<GreetingState>({ status: 'loading' });
  useEffect(() => {
    let current = true;
    setState({ status: 'loading' });
    ((attempt === 0 ? takePrefetched<Greeting>(GREETING_KEY) : undefined) ?? loadGreeting()).then(
      (greeting) => current && setState({ status: 'ready', greeting }),
      (error: unknown) => current && setState({ status: 'error', error: asApiError(error) }),
    );
    return () => {
      current = false;
    };
  }, [attempt]);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { state, retry };
}
