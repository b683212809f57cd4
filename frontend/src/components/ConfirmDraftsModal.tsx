import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import Modal, { ModalBody, ModalFooter, ModalHeader, ModalTitle } from '@atlaskit/modal-dialog';
import { token } from '@atlaskit/tokens';
import type { CSSProperties } from 'react';

import type { ApiError } from '../bridge';
import { draftTree, refLabel, type Draft } from '../drafts';
import { ProblemMessage } from './ProblemMessage';
import { SafeMarkdown } from './SafeMarkdown';

export interface ConfirmDraftsModalProps {
  /** Exactly what the server stored for the proposal (the PATCH answer). */
  drafts: Draft[];
  projectKey: string;
  /** The project's name, when known. */
  projectName?: string;
  /** The confirm request is in flight: Confirm shows a spinner, nothing else can be pressed. */
  isConfirming: boolean;
  /** The last confirm failed; the user can try again or go back. */
  error?: ApiError;
  onConfirm: () => void;
  /** Cancel: nothing is created and the drafts are discarded (the proposal is rejected). */
  onCancel: () => void;
  /** Back to editing: closes the modal, the drafts stay (also Escape and a click outside). */
  onBack: () => void;
  expiresAt?: string;
}

const subtle: CSSProperties = { color: token('color.text.subtle', '#44546F') };

const detailsBox: CSSProperties = {
  marginTop: token('space.050', '4px'),
  padding: `${token('space.100', '8px')} ${token('space.150', '12px')}`,
  borderRadius: token('radius.small', '4px'),
  backgroundColor: token('elevation.surface.sunken', '#F7F8F9'),
  maxHeight: '30vh',
  overflow: 'auto',
};

function expiryText(expiresAt: string | undefined): string | undefined {
  if (!expiresAt) return undefined;
  const date = new Date(expiresAt);
  if (Number.isNaN(date.getTime())) return undefined;
  return `These drafts are kept until ${date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })}.`;
}

function facts(draft: Draft): string {
  const parts = [draft.issueType || 'Issue'];
  parts.push(`Priority: ${draft.priority ?? 'project default'}`);
  parts.push(`Assignee: ${draft.assignee?.displayName ?? 'unassigned'}`);
  if (draft.labels.length > 0) parts.push(`Labels: ${draft.labels.join(', ')}`);
  if (draft.components.length > 0) parts.push(`Components: ${draft.components.join(', ')}`);
  return parts.join(' · ');
}

/** Lists exactly the issues that will be created and asks for confirmation. Loaded lazily. */
export default function ConfirmDraftsModal({
  drafts,
  projectKey,
  projectName,
  isConfirming,
  error,
  onConfirm,
  onCancel,
  onBack,
  expiresAt,
}: ConfirmDraftsModalProps) {
  const count = drafts.length;
  const project = projectName && projectName !== projectKey ? `${projectName} (${projectKey})` : projectKey;
  const expiry = expiryText(expiresAt);

  return (
    <Modal
      testId="confirm-modal"
      width="large"
      onClose={() => {
        if (!isConfirming) onBack();
      }}
    >
      <ModalHeader>
        <ModalTitle>{count === 1 ? `Create this issue in ${projectKey}?` : `Create these ${count} issues in ${projectKey}?`}</ModalTitle>
      </ModalHeader>
      <ModalBody>
        <div style={{ display: 'flex', flexDirection: 'column', gap: token('space.200', '16px') }}>
          <p style={{ margin: 0 }}>
            {count === 1 ? 'This issue' : `These ${count} issues`} will be created in {project} exactly as listed. Nothing
            is created until you confirm.
          </p>
          <ol data-testid="confirm-list" style={{ margin: 0, padding: 0, listStyle: 'none', display: 'flex', flexDirection: 'column', gap: token('space.150', '12px') }}>
            {draftTree(drafts).map(({ index, depth }) => {
              const draft = drafts[index];
              const parent = draft.parentRef ? drafts.find((d) => d.ref === draft.parentRef) : undefined;
              return (
                <li
                  key={index}
                  data-testid={`confirm-item-${index}`}
                  style={{
                    marginLeft: depth > 0 ? `calc(${token('space.300', '24px')} * ${depth})` : undefined,
                    paddingLeft: depth > 0 ? token('space.100', '8px') : undefined,
                    borderLeft: depth > 0 ? `2px solid ${token('color.border', '#091E4224')}` : undefined,
                    minWidth: 0,
                  }}
                >
                  <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'baseline', gap: token('space.100', '8px') }}>
                    <strong style={{ overflowWrap: 'anywhere' }}>{draft.summary}</strong>
                    {draft.complexity && <Lozenge appearance="inprogress">Complexity {draft.complexity}</Lozenge>}
                  </div>
                  <div style={subtle}>{facts(draft)}</div>
                  {parent && <div style={subtle}>Child of “{refLabel(drafts, parent.ref)}”</div>}
                  {!parent && draft.parentKey && <div style={subtle}>Parent: {draft.parentKey}</div>}
                  {draft.dependsOn.length > 0 && (
                    <div style={subtle}>Depends on {draft.dependsOn.map((ref) => `“${refLabel(drafts, ref)}”`).join(', ')}</div>
                  )}
                  {(draft.descriptionMarkdown.trim() !== '' || draft.acceptanceCriteria.length > 0) && (
                    <details>
                      <summary style={{ cursor: 'pointer' }}>Description and acceptance criteria</summary>
                      <div style={detailsBox}>
                        {draft.descriptionMarkdown.trim() !== '' && (
                          <SafeMarkdown headingLevel={4}>{draft.descriptionMarkdown}</SafeMarkdown>
                        )}
                        {draft.acceptanceCriteria.length > 0 && (
                          <>
                            <p style={{ margin: `${token('space.100', '8px')} 0 0`, fontWeight: token('font.weight.semibold', '600') }}>
                              Acceptance criteria
                            </p>
                            <ul style={{ margin: 0, paddingLeft: token('space.300', '24px') }}>
                              {draft.acceptanceCriteria.map((criterion, i) => (
                                <li key={i}>{criterion}</li>
                              ))}
                            </ul>
                          </>
                        )}
                      </div>
                    </details>
                  )}
                </li>
              );
            })}
          </ol>
          {expiry && <p style={{ margin: 0, ...subtle }}>{expiry}</p>}
          <p style={{ margin: 0, ...subtle }}>Back to editing keeps your drafts; Cancel discards them.</p>
          {error && (
            <ProblemMessage error={error} fallbackTitle="The issues were not created" nextStep="Press Confirm to try again, or go back." />
          )}
        </div>
      </ModalBody>
      <ModalFooter>
        <Button appearance="subtle" onClick={onBack} isDisabled={isConfirming} testId="back-button">
          Back to editing
        </Button>
        <Button appearance="default" onClick={onCancel} isDisabled={isConfirming} testId="cancel-button">
          Cancel
        </Button>
        <Button appearance="primary" onClick={onConfirm} isLoading={isConfirming} testId="confirm-button">
          Confirm
        </Button>
      </ModalFooter>
    </Modal>
  );
}
