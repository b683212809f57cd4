const SAFE_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/** The href itself when it is an absolute http(s) or mailto URL; undefined for anything else. */
export function safeHref(href: string | undefined): string | undefined {
  if (!href) return undefined;
  try {
    return SAFE_PROTOCOLS.has(new URL(href).protocol) ? href : undefined;
  } catch {
    return undefined; // relative or malformed
  }
}
