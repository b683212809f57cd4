/**
 * The skeleton every surface shows until React renders, so the frame is never blank. One copy for all the HTML
 * entries: Vite puts it in at build and dev time (see vite.config.ts) where an entry has the two placeholders.
 * Inline on purpose: it must not wait for a stylesheet. The colours follow the OS setting, then the host's theme once
 * Atlaskit sets data-color-mode, then the tokens themselves.
 */
const STYLE = `<style>
  :root { --boot-surface: #ffffff; --boot-skeleton: #091e420f; }
  @media (prefers-color-scheme: dark) {
    :root { --boot-surface: #1d2125; --boot-skeleton: #a1bdd914; }
  }
  :root[data-color-mode='light'] { --boot-surface: #ffffff; --boot-skeleton: #091e420f; }
  :root[data-color-mode='dark'] { --boot-surface: #1d2125; --boot-skeleton: #a1bdd914; }
  html, body { margin: 0; background-color: var(--ds-surface, var(--boot-surface)); }
  .boot-skeleton { padding: 16px; }
  .boot-lines { display: flex; flex-direction: column; gap: 12px; }
  .boot-line {
    display: block; height: 12px; border-radius: 4px;
    background-color: var(--ds-skeleton, var(--boot-skeleton));
    animation: boot-pulse 1.2s ease-in-out infinite alternate;
  }
  .boot-title { height: 20px; width: 40%; margin-bottom: 4px; }
  .boot-short { width: 60%; }
  .boot-hidden { position: absolute; width: 1px; height: 1px; margin: -1px; overflow: hidden; clip: rect(0, 0, 0, 0); white-space: nowrap; }
  @keyframes boot-pulse { to { opacity: 0.5; } }
  @media (prefers-reduced-motion: reduce) {
    .boot-line { animation: none; }
  }
</style>`;

const MARKUP =
  '<div class="boot-skeleton"><span class="boot-hidden" role="status">Loading…</span><span class="boot-lines" aria-busy="true" aria-hidden="true"><span class="boot-line boot-title"></span><span class="boot-line"></span><span class="boot-line"></span><span class="boot-line boot-short"></span></span></div>';

export const STYLE_PLACEHOLDER = '<!-- boot-skeleton-style -->';

export const MARKUP_PLACEHOLDER = '<!-- boot-skeleton -->';

/** An entry's HTML with the skeleton's style and markup in place of their placeholders. */
export function withBootSkeleton(html: string): string {
  return html.replace(STYLE_PLACEHOLDER, STYLE).replace(MARKUP_PLACEHOLDER, MARKUP);
}
