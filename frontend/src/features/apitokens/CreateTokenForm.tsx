import Button from '@atlaskit/button/new';
import TextField from '@atlaskit/textfield';
import { Inline } from '@atlaskit/primitives/compiled/inline';
import { Stack } from '@atlaskit/primitives/compiled/stack';
import { useId, useState, type FormEvent } from 'react';

import type { ApiError } from '../../bridge';
import { ProblemMessage } from '../../components/ProblemMessage';
import { asApiError } from '../../useAppContext';
import { EXPIRY_MAX_DAYS, NAME_MAX, invalidReason, type CreatedToken, type NewToken, type Scope } from './api';

const SCOPES: { scope: Scope; label: string; hint: string }[] = [
  { scope: 'chat', label: 'Chat', hint: 'send messages to the assistant, read and confirm its answers' },
  { scope: 'assess', label: 'Assess', hint: 'reserved for assessments; the chat API needs Chat' },
];

export interface CreateTokenFormProps {
  onCreate: (token: NewToken) => Promise<CreatedToken>;
  onCreated: (token: CreatedToken) => void;
}

/** Name, validity and scopes of a new token; checked here as the server checks them. */
export function CreateTokenForm({ onCreate, onCreated }: CreateTokenFormProps) {
  const [name, setName] = useState('');
  const [days, setDays] = useState('30');
  const [scopes, setScopes] = useState<Scope[]>(['chat']);
  const [invalid, setInvalid] = useState<string | undefined>();
  const [failure, setFailure] = useState<ApiError | undefined>();
  const [creating, setCreating] = useState(false);
  const ids = useId();

  const toggle = (scope: Scope) =>
    setScopes((current) => (current.includes(scope) ? current.filter((s) => s !== scope) : [...current, scope]));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const token: NewToken = { name: name.trim(), expiresInDays: Number(days), scopes };
    const reason = invalidReason(token);
    setInvalid(reason);
    setFailure(undefined);
    if (reason) return;
    setCreating(true);
    try {
      const created = await onCreate(token);
      setName('');
      onCreated(created);
    } catch (error) {
      setFailure(asApiError(error));
    } finally {
      setCreating(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate aria-label="Create an API token" data-testid="create-token-form">
      <Stack space="space.150">
        <div>
          <label htmlFor={`${ids}-name`}>Name</label>
          <TextField
            id={`${ids}-name`}
            value={name}
            maxLength={NAME_MAX}
            placeholder="e.g. nightly report script"
            onChange={(event) => setName(event.currentTarget.value)}
            testId="token-name"
          />
        </div>
        <div>
          <label htmlFor={`${ids}-days`}>Expires after (days, 1 to {EXPIRY_MAX_DAYS})</label>
          <TextField
            id={`${ids}-days`}
            type="number"
            min={1}
            max={EXPIRY_MAX_DAYS}
            value={days}
            onChange={(event) => setDays(event.currentTarget.value)}
            testId="token-days"
          />
        </div>
        <fieldset className="apitokens-scopes">
          <legend>Scopes</legend>
          {SCOPES.map(({ scope, label, hint }) => (
            <div key={scope}>
              <input
                type="checkbox"
                id={`${ids}-${scope}`}
                checked={scopes.includes(scope)}
                onChange={() => toggle(scope)}
                data-testid={`token-scope-${scope}`}
              />
              <label htmlFor={`${ids}-${scope}`}>
                {label}: {hint}
              </label>
            </div>
          ))}
        </fieldset>
        {invalid && <p role="alert">{invalid}</p>}
        {failure && <ProblemMessage error={failure} fallbackTitle="The token was not created" nextStep="Try again." />}
        <Inline>
          <Button type="submit" appearance="primary" isLoading={creating} testId="token-create">
            Create token
          </Button>
        </Inline>
      </Stack>
    </form>
  );
}
