import { token } from '@atlaskit/tokens';
import { useMemo, type ComponentPropsWithoutRef, type CSSProperties, type ReactNode } from 'react';
import Markdown, { type Components, type ExtraProps } from 'react-markdown';
import remarkGfm from 'remark-gfm';

import { safeHref } from '../safeUrl';

type AnchorProps = ComponentPropsWithoutRef<'a'> & ExtraProps;
type ImageProps = ComponentPropsWithoutRef<'img'> & ExtraProps;
type HeadingProps = ComponentPropsWithoutRef<'h1'> & ExtraProps;

function SafeLink({ href, children }: AnchorProps) {
  const safe = safeHref(href);
  if (!safe) return <span>{children}</span>;
  return (
    <a href={safe} target="_blank" rel="noopener noreferrer">
      {children}
    </a>
  );
}

/**
 * Links whose exact href is a key of `mentions` are mentions: a chip "@Display Name", never a link.
 * The caller turns real mention syntax into such links with hrefs nobody can guess, so Markdown
 * from the model cannot forge one.
 */
function mentionLink(mentions: Readonly<Record<string, string>>) {
  return function MentionOrLink(props: AnchorProps) {
    const { href } = props;
    if (href !== undefined && Object.hasOwn(mentions, href)) {
      return <span className="mention-chip">@{mentions[href]}</span>;
    }
    return <SafeLink {...props} />;
  };
}

/** A Markdown image never loads anything: only its alt text is shown. */
function ImageAsText({ alt }: ImageProps) {
  return (
    <span style={{ color: token('color.text.subtle', '#44546F') }}>{alt ? `[image: ${alt}]` : '[image]'}</span>
  );
}

const HEADINGS = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'] as const;

const componentsByHeadingLevel = new Map<number, Components>();

/** The overrides; Markdown headings start at `h<first>` so they nest below the panel's own headings. */
function markdownComponents(first: number): Components {
  let components = componentsByHeadingLevel.get(first);
  if (!components) {
    components = { a: SafeLink, img: ImageAsText };
    HEADINGS.forEach((tag, index) => {
      const Tag = HEADINGS[Math.max(0, Math.min(5, first - 1 + index))];
      components![tag] = ({ children }: HeadingProps) => <Tag>{children}</Tag>;
    });
    componentsByHeadingLevel.set(first, components);
  }
  return components;
}

const blockStyle: CSSProperties = {
  overflowWrap: 'anywhere',
};

export interface SafeMarkdownProps {
  /** Markdown from the model or from Jira: untrusted. */
  children: string;
  /** The heading level a Markdown `# heading` becomes (default 4: below the panel's h1–h3). */
  headingLevel?: number;
  /** Optional label for the rendered region. */
  label?: string;
  /** Links with these exact hrefs render as mention chips `@<name>` (see {@link mentionLink}). */
  mentions?: Readonly<Record<string, string>>;
  testId?: string;
}

/**
 * Renders untrusted Markdown safely: GitHub-flavoured Markdown without raw HTML (HTML in the
 * source stays visible text; there is no rehype-raw), images shown as their alt text (nothing is
 * fetched), links only for http(s) and mailto and always in a new tab with
 * `rel="noopener noreferrer"`; other links are plain text.
 */
export function SafeMarkdown({ children, headingLevel = 4, label, mentions, testId }: SafeMarkdownProps): ReactNode {
  const components = useMemo(() => {
    const base = markdownComponents(headingLevel);
    return mentions ? { ...base, a: mentionLink(mentions) } : base;
  }, [headingLevel, mentions]);
  return (
    <div className="safe-markdown" style={blockStyle} aria-label={label} role={label ? 'region' : undefined} data-testid={testId}>
      <Markdown remarkPlugins={[remarkGfm]} components={components}>
        {children}
      </Markdown>
    </div>
  );
}
