import { useMemo } from 'react';

import { SafeMarkdown } from '../../components/SafeMarkdown';
import { mentionPreview } from '../chat/mentions';

export interface CommentPreviewProps {
  /** The comment's Markdown, mentions written `@[Display Name](accountId)`. */
  body: string;
  /** What the region is called for a screen reader, e.g. "Comment on SCRUM-2". */
  label: string;
  /** The level a Markdown `# heading` in the comment becomes (below the card's own heading). */
  headingLevel?: number;
  testId?: string;
}

/**
 * A comment as Jira will show it: the Markdown rendered safely, each mention a chip "@Bob Builder",
 * never a link and never showing the account id (as the chat's comment card previews it).
 */
export function CommentPreview({ body, label, headingLevel = 6, testId }: CommentPreviewProps) {
  const preview = useMemo(() => mentionPreview(body), [body]);
  return (
    <div className="chat-preview" role="region" aria-label={label} tabIndex={0} data-testid={testId}>
      <SafeMarkdown headingLevel={headingLevel} mentions={preview.mentions}>
        {preview.markdown}
      </SafeMarkdown>
    </div>
  );
}
