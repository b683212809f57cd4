import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import SectionMessage from '@atlaskit/section-message';
import { Stack } from '@atlaskit/primitives/compiled/stack';
import { lazy, Suspense, useState } from 'react';

import type { ApiError } from '../../bridge';
import { ProblemMessage } from '../../components/ProblemMessage';
import { asApiError } from '../../useAppContext';
import type { ApiToken, CreatedToken } from './api';
import { CreatedSecret } from './CreatedSecret';
import { CreateTokenForm } from './CreateTokenForm';
import { useApiTokens } from './useApiTokens';
import '../../components/dataTable.css';
import './apitokens.css';

const RevokeTokenModal = lazy(() => import('./RevokeTokenModal'));

type Revoking = { token: ApiToken; revoking: boolean; error?: ApiError };

const STATUS: Record<ApiToken['status'], { text: string; appearance: 'success' | 'default' | 'removed' }> = {
  active: { text: 'Active', appearance: 'success' },
  expired: { text: 'Expired', appearance: 'default' },
  revoked: { text: 'Revoked', appearance: 'removed' },
};

function when(iso?: string): string {
  return iso ? new Date(iso).toLocaleString() : 'never';
}

/**
 * The user's personal API tokens, for scripts that call the chat API from outside Jira
 * (docs/chat.md, "From outside Jira with an API token"): create one (its secret is shown once),
 * see when each was last used and when it expires, revoke one after a confirm.
 */
export function ApiTokensPanel() {
  const tokens = useApiTokens();
  const [created, setCreated] = useState<CreatedToken | undefined>();
  const [revoking, setRevoking] = useState<Revoking | undefined>();
  const { state } = tokens;

  async function revoke() {
    if (!revoking) return;
    setRevoking({ ...revoking, revoking: true, error: undefined });
    try {
      await tokens.revoke(revoking.token.id);
      setRevoking(undefined);
    } catch (error) {
      setRevoking({ ...revoking, revoking: false, error: asApiError(error) });
    }
  }

  return (
    <section className="apitokens-panel" aria-labelledby="apitokens-heading" data-testid="api-tokens-panel">
      <Stack space="space.200">
        <Heading size="medium" id="apitokens-heading">
          API tokens
        </Heading>
        <p>A token lets a script use the assistant as you from outside Jira. Treat it like a password.</p>
        {state.status === 'loading' && <p aria-busy="true">Loading your tokens…</p>}
        {state.status === 'error' && (
          <ProblemMessage error={state.error} fallbackTitle="Your tokens could not be loaded">
            <Button onClick={tokens.reload}>Try again</Button>
          </ProblemMessage>
        )}
        {state.status === 'ready' && !state.list.enabled && (
          <SectionMessage appearance="information" title="API tokens are switched off" testId="apitokens-off">
            <p>A Jira admin switched API tokens off for this site: none can be created or used.</p>
          </SectionMessage>
        )}
        {created && <CreatedSecret token={created} onDone={() => setCreated(undefined)} />}
        {state.status === 'ready' && state.list.enabled && !created && (
          <CreateTokenForm onCreate={tokens.create} onCreated={setCreated} />
        )}
        {state.status === 'ready' &&
          (state.list.tokens.length === 0 ? (
            <p data-testid="apitokens-empty">You have no API tokens.</p>
          ) : (
            <table className="data-table" data-testid="apitokens-list">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Token</th>
                  <th scope="col">Scopes</th>
                  <th scope="col">Last used</th>
                  <th scope="col">Expires</th>
                  <th scope="col">Status</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {state.list.tokens.map((token) => (
                  <tr key={token.id} data-testid="apitokens-row">
                    <td>{token.name}</td>
                    <td>
                      <code>{token.prefix}…</code>
                    </td>
                    <td>{token.scopes.join(', ')}</td>
                    <td>{when(token.lastUsedAt)}</td>
                    <td>{when(token.expiresAt)}</td>
                    <td>
                      <Lozenge appearance={STATUS[token.status].appearance}>{STATUS[token.status].text}</Lozenge>
                    </td>
                    <td>
                      {token.status !== 'revoked' && (
                        <Button
                          appearance="subtle"
                          onClick={() => setRevoking({ token, revoking: false })}
                          aria-label={`Revoke ${token.name}`}
                        >
                          Revoke
                        </Button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ))}
      </Stack>
      {revoking && (
        <Suspense fallback={null}>
          <RevokeTokenModal
            name={revoking.token.name}
            prefix={revoking.token.prefix}
            isRevoking={revoking.revoking}
            error={revoking.error}
            onRevoke={revoke}
            onCancel={() => setRevoking(undefined)}
          />
        </Suspense>
      )}
    </section>
  );
}
