import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import TextField from '@atlaskit/textfield';
import { Inline } from '@atlaskit/primitives/compiled/inline';
import { useRef, useState } from 'react';

import type { CreatedToken } from './api';

export interface CreatedSecretProps {
  token: CreatedToken;
  onDone: () => void;
}

/** A new token's secret, this once: copy it now, it is not shown again (the server keeps only a hash). */
export function CreatedSecret({ token, onDone }: CreatedSecretProps) {
  const [copied, setCopied] = useState<'yes' | 'failed' | undefined>();
  const field = useRef<HTMLInputElement>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(token.token);
      setCopied('yes');
    } catch {
      // A Jira iframe may not be allowed the clipboard: select the text so the user can copy it.
      field.current?.select();
      setCopied('failed');
    }
  }

  return (
    <SectionMessage appearance="warning" title={`Copy the token “${token.name}” now`} testId="created-secret">
      <p>It will not be shown again. Anyone holding it can use the assistant as you, until it expires or you revoke it.</p>
      <Inline space="space.100" alignBlock="center">
        <TextField ref={field} isReadOnly value={token.token} aria-label="The new API token" testId="created-secret-value" />
        <Button onClick={copy} testId="created-secret-copy">
          Copy
        </Button>
        <Button appearance="subtle" onClick={onDone} testId="created-secret-done">
          I have copied it
        </Button>
      </Inline>
      <p aria-live="polite">
        {copied === 'yes' && 'Copied to the clipboard.'}
        {copied === 'failed' && 'The clipboard is not available here: the token is selected, copy it with your keyboard.'}
      </p>
    </SectionMessage>
  );
}
