import { lazy, Suspense } from 'react';

import type { SafeMarkdownProps } from './SafeMarkdown';

// react-markdown and its parser are a large part of the panel's code: load them on their own.
const loadSafeMarkdown = () => import('./SafeMarkdown');
const SafeMarkdown = lazy(() => loadSafeMarkdown().then((module) => ({ default: module.SafeMarkdown })));

/** Starts downloading the Markdown renderer before it is needed. */
export function preloadMarkdown(): void {
  void loadSafeMarkdown().catch(() => {});
}

/**
 * {@link SafeMarkdown}, loaded lazily. Until it has loaded the Markdown source is shown as plain
 * text (React escapes it, so this is safe too).
 */
export function LazyMarkdown(props: SafeMarkdownProps) {
  return (
    <Suspense fallback={<div style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{props.children}</div>}>
      <SafeMarkdown {...props} />
    </Suspense>
  );
}
