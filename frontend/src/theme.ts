import { setGlobalTheme } from '@atlaskit/tokens/set-global-theme';

import { isConnect } from './bridge';

/**
 * Makes Atlaskit design tokens resolve to the host's light or dark theme.
 * Best effort: on failure the token fallbacks (light) stay in place.
 */
export async function enableTheme(): Promise<void> {
  try {
    if (isConnect()) {
      // Load the light and dark token CSS, following the OS setting...
      await setGlobalTheme({ colorMode: 'auto' });
      // ...then let Jira's own theme choice win where the host supports Connect theming.
      window.AP?.theming?.initializeTheming();
    } else {
      // Forge applies (and keeps in sync) the host theme itself.
      const { view } = await import('@forge/bridge');
      await view.theme.enable();
    }
  } catch {
    // Outside Jira, or an older host: keep the default light look.
  }
}
