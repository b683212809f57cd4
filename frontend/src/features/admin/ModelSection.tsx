import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import { Inline } from '@atlaskit/primitives/compiled/inline';
import { Stack } from '@atlaskit/primitives/compiled/stack';
import SectionMessage from '@atlaskit/section-message';
import TextField from '@atlaskit/textfield';
import { useEffect, useId, useState, type FormEvent } from 'react';

import {
  adminProblemText,
  getModel,
  saveModel,
  testConnection,
  resetToOperatorDefault,
  type ConnectionCheck,
  type ModelChange,
  type ModelSettings,
} from './api';
import { NoticeMessage, type Notice } from './Notice';

/** What is shown of the stored key: "•••• 1234, set on 6 Dec 2026". */
export function keyHint(key: ModelSettings['key']): string {
  if (!key) return 'No key of this site’s own.';
  const date = key.setAt ? `, set on ${new Date(key.setAt).toLocaleDateString(undefined, { dateStyle: 'medium' })}` : '';
  return `•••• ${key.lastFour}${date}`;
}

/** The "Model" section: endpoint, model and write-only key; test the connection; back to the operator's default. */
export function ModelSection() {
  const [settings, setSettings] = useState<ModelSettings | undefined>();
  const [baseUrl, setBaseUrl] = useState('');
  const [model, setModel] = useState('');
  const [apiKey, setApiKey] = useState('');
  const [temperature, setTemperature] = useState('');
  const [notice, setNotice] = useState<Notice>();
  const [check, setCheck] = useState<ConnectionCheck | undefined>();
  const [busy, setBusy] = useState<'save' | 'test' | 'default' | undefined>();
  const ids = useId();

  const show = (next: ModelSettings) => {
    setSettings(next);
    setBaseUrl(next.baseUrl ?? '');
    setModel(next.model ?? '');
    setTemperature(next.temperature == null ? '' : String(next.temperature));
    setApiKey('');
  };

  useEffect(() => {
    getModel().then(show, (error: unknown) => setNotice({ appearance: 'error', text: adminProblemText(error) }));
  }, []);

  async function run(kind: 'save' | 'test' | 'default', action: () => Promise<void>) {
    setBusy(kind);
    setNotice(undefined);
    try {
      await action();
    } catch (error) {
      setNotice({ appearance: 'error', text: adminProblemText(error) });
    } finally {
      setBusy(undefined);
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    // Only what the admin changed: saving the operator's values unchanged would pin them to this site.
    const change: ModelChange = {};
    if (baseUrl.trim() !== (settings?.baseUrl ?? '')) change.baseUrl = baseUrl.trim();
    if (model.trim() !== (settings?.model ?? '')) change.model = model.trim();
    if (apiKey.trim()) change.apiKey = apiKey.trim();
    const wanted = temperature.trim() === '' ? null : Number(temperature);
    if (wanted !== null && (!Number.isFinite(wanted) || wanted < 0 || wanted > 2)) {
      setNotice({ appearance: 'error', text: 'The temperature is a number from 0 to 2, or empty for each prompt’s own.' });
      return;
    }
    if (wanted !== null && wanted !== settings?.temperature) change.temperature = wanted;
    void run('save', async () => {
      show(await saveModel(change));
      setNotice({ appearance: 'success', text: 'The model settings are saved.' });
    });
  }

  return (
    <section aria-labelledby={`${ids}-h`} data-testid="admin-model">
      <Stack space="space.150">
        <Heading size="medium" as="h2" id={`${ids}-h`}>
          Model
        </Heading>
        {settings && (
          <p data-testid="model-source">
            {settings.usingOperatorDefault
              ? 'This site uses the operator’s default model.'
              : 'This site uses its own model.'}
          </p>
        )}
        <form onSubmit={submit} noValidate aria-label="Model settings">
          <Stack space="space.150">
            <div>
              <label htmlFor={`${ids}-url`}>Base URL (OpenAI-compatible, https)</label>
              <TextField id={`${ids}-url`} value={baseUrl} onChange={(e) => setBaseUrl(e.currentTarget.value)} testId="model-base-url" />
            </div>
            <div>
              <label htmlFor={`${ids}-model`}>Model</label>
              <TextField id={`${ids}-model`} value={model} onChange={(e) => setModel(e.currentTarget.value)} testId="model-name" />
            </div>
            <div>
              <label htmlFor={`${ids}-temperature`}>Temperature (0 to 2; empty: each prompt’s own, for models that take only their default)</label>
              <TextField
                id={`${ids}-temperature`}
                type="number"
                min={0}
                max={2}
                step={0.1}
                value={temperature}
                onChange={(e) => setTemperature(e.currentTarget.value)}
                testId="model-temperature"
              />
            </div>
            <div>
              <label htmlFor={`${ids}-key`}>API key (write-only; leave empty to keep the current one)</label>
              <TextField
                id={`${ids}-key`}
                type="password"
                autoComplete="off"
                value={apiKey}
                aria-describedby={`${ids}-key-hint`}
                onChange={(e) => setApiKey(e.currentTarget.value)}
                testId="model-api-key"
              />
              <p id={`${ids}-key-hint`} data-testid="model-key-hint">
                {settings ? keyHint(settings.key) : ''}
              </p>
            </div>
            <Inline space="space.100">
              <Button type="submit" appearance="primary" isLoading={busy === 'save'} testId="model-save">
                Save
              </Button>
              <Button
                isLoading={busy === 'test'}
                onClick={() => void run('test', async () => setCheck(await testConnection()))}
                testId="model-test"
              >
                Test connection
              </Button>
              {settings && !settings.usingOperatorDefault && settings.operatorDefaultAvailable && (
                <Button
                  appearance="subtle"
                  isLoading={busy === 'default'}
                  onClick={() =>
                    void run('default', async () => {
                      show(await resetToOperatorDefault());
                      setNotice({ appearance: 'success', text: 'This site now uses the operator’s default model.' });
                    })
                  }
                  testId="model-use-default"
                >
                  Use the operator’s default
                </Button>
              )}
            </Inline>
          </Stack>
        </form>
        <div aria-live="polite">
          <NoticeMessage notice={notice} testId="model-notice" />
          {check && (
            <SectionMessage
              appearance={check.ok ? 'success' : 'error'}
              title={check.ok ? 'The model answered' : 'The model did not answer'}
              testId="model-check"
            >
              <p>
                {check.ok ? `${check.model} answered in ${check.latencyMs} ms.` : `${check.error} (model ${check.model})`}
              </p>
            </SectionMessage>
          )}
        </div>
      </Stack>
    </section>
  );
}
