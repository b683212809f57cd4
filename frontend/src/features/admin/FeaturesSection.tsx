import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import { Inline } from '@atlaskit/primitives/compiled/inline';
import { Stack } from '@atlaskit/primitives/compiled/stack';
import { useEffect, useId, useState, type FormEvent } from 'react';

import {
  adminProblemText,
  getChatSettings,
  getFeatures,
  saveChatSettings,
  saveFeatures,
  type ChatSettings,
  type FeatureName,
  type Features,
} from './api';
import { NoticeMessage, type Notice } from './Notice';

const FEATURE_LABELS: { name: FeatureName; label: string }[] = [
  { name: 'assess', label: 'Assess issues' },
  { name: 'draft', label: 'Draft issues' },
  { name: 'chat', label: 'AI Assistant chat' },
  { name: 'standup', label: 'Stand-up' },
];

/** The "Features" section: each feature on or off, the assistant's read-only mode and tool allow-list. */
export function FeaturesSection() {
  const [features, setFeatures] = useState<Features | undefined>();
  const [chat, setChat] = useState<ChatSettings | undefined>();
  const [allowed, setAllowed] = useState<Set<string>>(new Set());
  const [notice, setNotice] = useState<Notice>();
  const [saving, setSaving] = useState(false);
  const ids = useId();

  const showChat = (settings: ChatSettings) => {
    setChat(settings);
    setAllowed(new Set(settings.allowedTools ?? settings.tools.map((tool) => tool.name)));
  };

  useEffect(() => {
    Promise.all([getFeatures(), getChatSettings()]).then(
      ([loaded, settings]) => {
        setFeatures(loaded);
        showChat(settings);
      },
      (error: unknown) => setNotice({ appearance: 'error', text: adminProblemText(error) }),
    );
  }, []);

  const toggleTool = (name: string) =>
    setAllowed((current) => {
      const next = new Set(current);
      if (next.has(name)) next.delete(name);
      else next.add(name);
      return next;
    });

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!features || !chat) return;
    setSaving(true);
    setNotice(undefined);
    try {
      const everyTool = chat.tools.every((tool) => allowed.has(tool.name));
      const [savedFeatures, savedChat] = await Promise.all([
        saveFeatures(features),
        saveChatSettings({ readOnly: chat.readOnly, allowedTools: everyTool ? null : [...allowed].sort() }),
      ]);
      setFeatures(savedFeatures);
      showChat(savedChat);
      setNotice({ appearance: 'success', text: 'The features are saved.' });
    } catch (error) {
      setNotice({ appearance: 'error', text: adminProblemText(error) });
    } finally {
      setSaving(false);
    }
  }

  return (
    <section aria-labelledby={`${ids}-h`} data-testid="admin-features">
      <Stack space="space.150">
        <Heading size="medium" as="h2" id={`${ids}-h`}>
          Features
        </Heading>
        {features && chat && (
          <form onSubmit={submit} noValidate aria-label="Features">
            <Stack space="space.150">
              <fieldset>
                <legend>Features on for this site</legend>
                {FEATURE_LABELS.map(({ name, label }) => (
                  <div key={name}>
                    <input
                      type="checkbox"
                      role="switch"
                      id={`${ids}-${name}`}
                      checked={features[name]}
                      onChange={() => setFeatures({ ...features, [name]: !features[name] })}
                      data-testid={`feature-${name}`}
                    />
                    <label htmlFor={`${ids}-${name}`}>{label}</label>
                  </div>
                ))}
              </fieldset>
              <fieldset>
                <legend>AI Assistant</legend>
                <div>
                  <input
                    type="checkbox"
                    role="switch"
                    id={`${ids}-readonly`}
                    checked={chat.readOnly}
                    onChange={() => setChat({ ...chat, readOnly: !chat.readOnly })}
                    data-testid="chat-read-only"
                  />
                  <label htmlFor={`${ids}-readonly`}>Read-only: the assistant proposes no comment, transition, assignment or issue</label>
                </div>
              </fieldset>
              <fieldset>
                <legend>Tools the assistant may use</legend>
                {chat.tools.map((tool) => (
                  <div key={tool.name}>
                    <input
                      type="checkbox"
                      id={`${ids}-tool-${tool.name}`}
                      checked={allowed.has(tool.name)}
                      onChange={() => toggleTool(tool.name)}
                      data-testid={`tool-${tool.name}`}
                    />
                    <label htmlFor={`${ids}-tool-${tool.name}`}>
                      {tool.name}
                      {tool.writes ? ' (proposes a write)' : ''}
                    </label>
                  </div>
                ))}
              </fieldset>
              <Inline>
                <Button type="submit" appearance="primary" isLoading={saving} testId="features-save">
                  Save
                </Button>
              </Inline>
            </Stack>
          </form>
        )}
        <div aria-live="polite">
          <NoticeMessage notice={notice} testId="features-notice" />
        </div>
      </Stack>
    </section>
  );
}
