import SectionMessage from '@atlaskit/section-message';

/** The outcome of a section's last action: saved, or what went wrong in plain words. */
export type Notice = { appearance: 'success' | 'error'; text: string } | undefined;

/** A section's outcome as a section message; nothing when there is none. */
export function NoticeMessage({ notice, testId }: { notice: Notice; testId: string }) {
  if (!notice) return null;
  return (
    <SectionMessage appearance={notice.appearance} testId={testId}>
      <p>{notice.text}</p>
    </SectionMessage>
  );
}
