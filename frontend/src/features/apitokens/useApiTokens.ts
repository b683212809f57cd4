import { useCallback, useEffect, useState } from 'react';

import type { ApiError } from '../../bridge';
import { asApiError } from '../../useAppContext';
import { createToken, listTokens, revokeToken, type CreatedToken, type NewToken, type TokenList } from './api';

export type TokensState =
  | { status: 'loading' }
  | { status: 'error'; error: ApiError }
  | { status: 'ready'; list: TokenList };

export interface ApiTokens {
  state: TokensState;
  /** Creates a token and reloads the list; the created token (with its secret) is returned, not kept. */
  create: (token: NewToken) => Promise<CreatedToken>;
  revoke: (id: string) => Promise<void>;
  reload: () => void;
}

/** The user's tokens, loaded once and after every change. */
export function useApiTokens(): ApiTokens {
  const [state, setState] = useState<TokensState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    listTokens().then(
      (list) => current && setState({ status: 'ready', list }),
      (error: unknown) => current && setState({ status: 'error', error: asApiError(error) }),
    );
    return () => {
      current = false;
    };
  }, [attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const create = useCallback(
    async (token: NewToken) => {
      const created = await createToken(token);
      reload();
      return created;
    },
    [reload],
  );
  const revoke = useCallback(
    async (id: string) => {
      await revokeToken(id);
      reload();
    },
    [reload],
  );
  return { state, create, revoke, reload };
}
