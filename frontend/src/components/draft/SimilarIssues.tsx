import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import { token } from '@atlaskit/tokens';
import { useId } from 'react';

import type { SimilarIssue } from '../../drafts';
import { safeHref } from '../../safeUrl';
import { subtleText } from './fieldParts';

/** Issues in Jira that look like what is being drafted, so the user can spot a duplicate first. */
export function SimilarIssues({ similar }: { similar: SimilarIssue[] }) {
  const id = useId();
  return (
    <section
      data-testid="similar-issues"
      aria-labelledby={id}
      style={{
        display: 'flex',
        flexDirection: 'column',
        gap: token('space.100', '8px'),
        padding: token('space.150', '12px'),
        borderRadius: token('radius.medium', '6px'),
        backgroundColor: token('color.background.neutral', '#091E420F'),
      }}
    >
      <Heading size="xxsmall" as="h2" id={id}>
        Similar issues
      </Heading>
      {similar.length === 0 ? (
        <p style={subtleText}>No similar issues found.</p>
      ) : (
        <>
          <p style={subtleText}>Check these first: one of them may already cover your text.</p>
          <ul style={{ margin: 0, padding: 0, listStyle: 'none', display: 'flex', flexDirection: 'column', gap: token('space.050', '4px') }}>
            {similar.map((issue) => {
              const href = safeHref(issue.url);
              return (
                <li key={issue.key} style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'baseline', gap: token('space.100', '8px') }}>
                  {href ? (
                    <a href={href} target="_blank" rel="noopener noreferrer">
                      {issue.key}
                    </a>
                  ) : (
                    <span>{issue.key}</span>
                  )}
                  <span style={{ minWidth: 0, overflowWrap: 'anywhere' }}>{issue.summary}</span>
                  {issue.status && <Lozenge>{issue.status}</Lozenge>}
                </li>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}
