import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import { token } from '@atlaskit/tokens';
import { useEffect, type CSSProperties, type ReactNode } from 'react';

import type { AppContext } from '../appContext';
import { requestResize } from '../bridge';
import { useAppContext } from '../useAppContext';

export const NOT_CONFIGURED_MESSAGE =
  'No AI model is configured for this site yet. A Jira admin can set one up in AI Assistant settings.';

export interface SurfaceFrameProps {
  /** The surface title, shown as the page heading. */
  title: string;
  /** An honest note of what this surface will do; shown once the context has loaded (if given). */
  upcoming?: string;
  /** Smaller heading and spacing, for the issue glance. */
  compact?: boolean;
  /** Replaces the default "not configured" warning text (e.g. on the settings page itself). */
  notConfiguredMessage?: string;
  /** Show the "Jira site: …" line (default true). */
  showSite?: boolean;
  /** Surface-specific content, rendered below the upcoming note once the context has loaded. */
  children?: (context: AppContext) => ReactNode;
}

/**
 * The shared shell of every surface: loads `/api/context`, shows a spinner, the error with a
 * Retry button, or the heading, site, upcoming note and the surface's own content.
 * The result region is `aria-live`.
 */
export function SurfaceFrame({
  title,
  upcoming,
  compact = false,
  notConfiguredMessage,
  showSite = true,
  children,
}: SurfaceFrameProps) {
  const state = useAppContext();

  useEffect(() => {
    requestResize();
  }, [state.status]);

  const hasStatus =
    state.status !== 'ready' ||
    Boolean(showSite && state.context.siteUrl) ||
    !state.context.llmConfigured ||
    Boolean(upcoming);

  const gap = compact ? token('space.100', '8px') : token('space.200', '16px');
  const frameStyle: CSSProperties = {
    display: 'flex',
    flexDirection: 'column',
    gap,
    padding: gap,
    color: token('color.text', '#172B4D'),
    font: token('font.body', 'normal 400 14px/20px sans-serif'),
  };

  return (
    <main style={frameStyle} aria-labelledby="surface-title">
      <Heading size={compact ? 'small' : 'medium'} as="h1" id="surface-title">
        {title}
      </Heading>
      <div
        aria-live="polite"
        aria-busy={state.status === 'loading'}
        // Takes no room (no gap) when a ready surface has nothing to say here.
        style={{ display: hasStatus ? 'flex' : 'none', flexDirection: 'column', gap }}
      >
        {state.status === 'loading' && (
          <div style={{ display: 'flex', justifyContent: 'center', padding: token('space.200', '16px') }}>
            <Spinner size={compact ? 'medium' : 'large'} label="Loading AI Assistant" />
          </div>
        )}

        {state.status === 'error' && (
          <SectionMessage
            appearance="error"
            title={state.error.title ?? 'AI Assistant could not load'}
            actions={
              <Button appearance="default" onClick={state.retry}>
                Retry
              </Button>
            }
          >
            <p>{state.error.detail ?? state.error.message}</p>
          </SectionMessage>
        )}

        {state.status === 'ready' && (
          <>
            {showSite && state.context.siteUrl && (
              <p style={{ margin: 0, color: token('color.text.subtle', '#44546F') }}>
                Jira site: <span>{state.context.siteUrl}</span>
              </p>
            )}
            {!state.context.llmConfigured && (
              <SectionMessage appearance="warning" title="AI model not set up">
                <p>{notConfiguredMessage ?? NOT_CONFIGURED_MESSAGE}</p>
              </SectionMessage>
            )}
            {upcoming && (
              <SectionMessage appearance="information">
                <p>{upcoming}</p>
              </SectionMessage>
            )}
          </>
        )}
      </div>
      {/* Outside the live region: the surface's content announces its own changes. */}
      {state.status === 'ready' && children?.(state.context)}
    </main>
  );
}
