/**
 * People mentioned in a proposed comment: `@[Display Name](accountId)`, the syntax the server turns
 * into real Jira mentions. For the preview each becomes a link with an href nobody can guess, which
 * `SafeMarkdown` (its `mentions`) shows as a chip "@Display Name", never as a link.
 */
const MENTION = /@\[([^\]\n]{1,200})\]\(([A-Za-z0-9:_-]{1,128})\)/g;

/** Characters that would change the meaning of a name inside Markdown link text. */
const MARKDOWN_SPECIAL = /[\\`*_{}[\]()<>#+\-.!|~]/g;

export interface MentionPreview {
  /** The Markdown to render, mentions replaced by links to the hrefs below. */
  markdown: string;
  /** href → the person's display name. */
  mentions: Record<string, string>;
}

export function mentionPreview(body: string, nonce: string = randomNonce()): MentionPreview {
  const mentions: Record<string, string> = {};
  let count = 0;
  const markdown = body.replace(MENTION, (_, name: string) => {
    const href = `#mention-${nonce}-${count++}`;
    mentions[href] = name;
    return `[@${name.replace(MARKDOWN_SPECIAL, (c) => `\\${c}`)}](${href})`;
  });
  return { markdown, mentions };
}

/** The names mentioned, in order (for a plain-text summary). */
export function mentionedNames(body: string): string[] {
  return Array.from(body.matchAll(MENTION), (match) => match[1]);
}

function randomNonce(): string {
  const bytes = new Uint8Array(8);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
