import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import { token } from '@atlaskit/tokens';
import { useEffect, useId, useRef, useState } from 'react';

import { LazyMarkdown } from '../LazyMarkdown';
import { smallText } from './fieldParts';

type CopyState = 'idle' | 'copied' | 'failed';

/** Copies text: the async Clipboard API where the iframe allows it, else a hidden textarea and execCommand. */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // A Jira iframe may not be allowed clipboard-write: fall back below.
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  try {
    area.select();
    return typeof document.execCommand === 'function' && document.execCommand('copy');
  } catch {
    return false;
  } finally {
    area.remove();
  }
}

export interface AnalysisViewProps {
  /** Markdown written by the model: untrusted, rendered with SafeMarkdown. */
  markdown: string;
  onDraftTickets: () => void;
  onStartOver: () => void;
  busy: boolean;
}

/** The requirement analysis: rendered Markdown, copyable as Markdown, or turned into an epic breakdown. */
export function AnalysisView({ markdown, onDraftTickets, onStartOver, busy }: AnalysisViewProps) {
  const id = useId();
  const headingRef = useRef<HTMLDivElement>(null);
  const [copy, setCopy] = useState<CopyState>('idle');

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  useEffect(() => {
    if (copy !== 'copied') return;
    const timer = setTimeout(() => setCopy('idle'), 4000);
    return () => clearTimeout(timer);
  }, [copy]);

  return (
    <section aria-labelledby={id} style={{ display: 'flex', flexDirection: 'column', gap: token('space.150', '12px') }}>
      <div ref={headingRef} tabIndex={-1} style={{ outline: 'none' }}>
        <Heading size="small" as="h2" id={id}>
          Requirement analysis
        </Heading>
      </div>
      <div
        data-testid="analysis"
        role="region"
        aria-labelledby={id}
        tabIndex={0}
        style={{
          border: `1px solid ${token('color.border', '#091E4224')}`,
          borderRadius: token('radius.medium', '6px'),
          padding: `${token('space.150', '12px')} ${token('space.200', '16px')}`,
        }}
      >
        <LazyMarkdown headingLevel={3}>{markdown}</LazyMarkdown>
      </div>
      <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: token('space.100', '8px') }}>
        <Button appearance="primary" onClick={onDraftTickets} isDisabled={busy} testId="draft-tickets-button">
          Draft tickets from this
        </Button>
        <Button
          appearance="default"
          onClick={() => void copyText(markdown).then((ok) => setCopy(ok ? 'copied' : 'failed'))}
          testId="copy-markdown-button"
        >
          Copy as Markdown
        </Button>
        <Button appearance="subtle" onClick={onStartOver} isDisabled={busy} testId="start-over-button">
          Start over
        </Button>
        <span role="status" style={smallText} data-testid="copy-status">
          {copy === 'copied' ? 'Copied to the clipboard.' : copy === 'failed' ? 'Copying is blocked here: select the text below and copy it.' : ''}
        </span>
      </div>
      {copy === 'failed' && (
        <textarea
          readOnly
          value={markdown}
          aria-label="The analysis as Markdown"
          rows={8}
          onFocus={(event) => event.currentTarget.select()}
          style={{ width: '100%', boxSizing: 'border-box', font: token('font.code', 'normal 400 12px/20px monospace') }}
        />
      )}
      <p style={smallText}>“Draft tickets from this” drafts an epic breakdown from your original text; nothing is created until you confirm.</p>
    </section>
  );
}
