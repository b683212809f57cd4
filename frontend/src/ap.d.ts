/**
 * The tiny part of the Atlassian Connect JavaScript API (`all.js`) this app uses.
 * `window.AP` exists only when the page runs inside a Connect iframe and the
 * backend has injected the all.js script tag in place of `<!-- connect-all-js -->`.
 */
interface AtlassianConnectContext {
  /** Resolves to a short-lived context JWT the backend can verify (sent as `Authorization: JWT <token>`). */
  getToken(callback?: (token: string) => void): Promise<string>;
}

interface AtlassianConnectTheming {
  /** Makes the iframe follow the Jira theme (sets data-color-mode etc. on <html>). */
  initializeTheming(): void;
}

interface AtlassianConnectDialog {
  /** Closes the dialog this page is shown in (only inside a Connect dialog). */
  close(data?: unknown): void;
}

interface AtlassianConnectNavigator {
  /**
   * Navigates the host page, e.g. `go('addonmodule', {moduleKey, customData})` to one of this app's
   * pages; `customData` reaches that page's iframe as `ac.`-prefixed query parameters.
   */
  go(target: string, context?: Record<string, unknown>): void;
}

interface AtlassianConnectApi {
  context: AtlassianConnectContext;
  navigator?: AtlassianConnectNavigator;
  /** Present when the page runs inside a Connect dialog (e.g. "Draft with AI"). */
  dialog?: AtlassianConnectDialog;
  /** Resizes the iframe to its content (or to the given size). */
  resize?: (width?: string, height?: string) => void;
  /** Makes the iframe fill its container (general and admin pages). */
  sizeToParent?: () => void;
  theming?: AtlassianConnectTheming;
}

interface Window {
  AP?: AtlassianConnectApi;
}
