import { afterEach, describe, expect, it, vi } from 'vitest';

import {
  accessibleName,
  buttonNamed,
  byTestId,
  click,
  expectLabelInName,
  press,
  queryByTestId,
  render,
  type,
  waitFor,
  type Rendered,
} from '../../../test/render';
import type { ChatProposal, TransitionField } from '../api';
import type { CardPhase } from '../chatState';
import ProposalCard from './ProposalCard';

const BASE = { state: 'PENDING', result: null, error: null };

const COMMENT: ChatProposal = {
  ...BASE,
  id: 'p-1',
  kind: 'chat.comment',
  payload: { issueKey: 'SCRUM-2', body: 'The fix is deployed, @[Bob Builder](5b10ab) please check.' },
};

function transition(fields: TransitionField[]): ChatProposal {
  return {
    ...BASE,
    id: 'p-2',
    kind: 'chat.transition',
    payload: { issueKey: 'SCRUM-2', transitionId: '31', transitionName: 'Done', fromStatus: 'In Progress', toStatus: 'Done', fields },
  };
}

const RESOLUTION: TransitionField = {
  id: 'resolution',
  name: 'Resolution',
  required: true,
  allowedValues: [
    { id: '1', name: 'Fixed' },
    { id: '2', name: "Won't fix" },
  ],
  value: null,
};

const NOTE: TransitionField = { id: 'customfield_1', name: 'Release note', required: true, allowedValues: null, value: null };
const OPTIONAL: TransitionField = { id: 'customfield_2', name: 'Reviewer', required: false, allowedValues: null, value: null };

const ASSIGN: ChatProposal = {
  ...BASE,
  id: 'p-3',
  kind: 'chat.assign',
  payload: { issueKey: 'SCRUM-2', accountId: '5b10ab', displayName: 'Bob Builder' },
};

const STANDUP: ChatProposal = {
  ...BASE,
  id: 'p-4',
  kind: 'standup.post',
  payload: {
    date: '2026-12-06',
    comments: [
      { id: 'SCRUM-2', issueKey: 'SCRUM-2', summary: 'Checkout button', body: 'Blocker: the API key, @[Bob Builder](5b10ab)', blocked: true, flag: true },
      { id: 'SCRUM-4', issueKey: 'SCRUM-4', summary: 'Payments', body: 'Planned: **payments**.', blocked: false, flag: false },
    ],
  },
};

describe('proposal cards', () => {
  let rendered: Rendered | undefined;
  const onAnswer = vi.fn();

  afterEach(() => {
    rendered?.unmount();
    rendered = undefined;
    onAnswer.mockReset();
    document.body.innerHTML = '';
  });

  async function show(proposal: ChatProposal, phase: CardPhase = 'pending', declined = false) {
    rendered = await render(
      <ProposalCard proposal={proposal} phase={phase} declined={declined} siteUrl="https://example.atlassian.net" onAnswer={onAnswer} />,
    );
    return byTestId(`proposal-${proposal.id}`);
  }

  describe('comment', () => {
    it('shows the comment with the mention as a name, never as a link, and is named by its title', async () => {
      const card = await show(COMMENT);
      const preview = byTestId('proposal-comment-preview');
      expect(preview.textContent).toContain('The fix is deployed, @Bob Builder please check.');
      expect(preview.querySelector('a')).toBeNull();
      expect(preview.innerHTML).not.toContain('5b10ab');
      expect(accessibleName(card)).toBe('Add a comment to SCRUM-2');
      expect(card.textContent).toContain('Needs your confirmation');
      expect(card.textContent).toContain('Nothing is written to Jira until you confirm');
      expectLabelInName(card);
    });

    it('a link the model wrote that looks like a mention stays a safe link, not a chip', async () => {
      await show({ ...COMMENT, payload: { issueKey: 'SCRUM-2', body: 'See [@Alice](https://evil.example/#mention-x-0).' } });
      const link = byTestId('proposal-comment-preview').querySelector('a');
      expect(link?.getAttribute('href')).toBe('https://evil.example/#mention-x-0');
      expect(link?.getAttribute('rel')).toContain('noopener');
    });

    it('Confirm answers true with the proposal id and no edits; Reject answers false', async () => {
      await show(COMMENT);
      await click(buttonNamed('Confirm'));
      expect(onAnswer).toHaveBeenLastCalledWith('p-1', true, undefined);
      await click(buttonNamed('Reject'));
      expect(onAnswer).toHaveBeenLastCalledWith('p-1', false);
      expect(onAnswer).toHaveBeenCalledTimes(2);
    });

    it('Edit lets the user change the body; Confirm sends it as userInput; an empty body cannot be confirmed', async () => {
      await show(COMMENT);
      await click(buttonNamed('Edit'));
      const input = byTestId<HTMLTextAreaElement>('proposal-comment-input');
      expect(input.value).toBe('The fix is deployed, @[Bob Builder](5b10ab) please check.');
      expect(accessibleName(input)).toContain('Comment');

      await type(input, '');
      expect(buttonNamed('Confirm').disabled).toBe(true);
      expect(byTestId('proposal-blocker').textContent).toBe('Write the comment, or reject it.');
      expect(buttonNamed('Confirm').getAttribute('aria-describedby')).toBe(byTestId('proposal-blocker').id);

      await type(input, 'Deployed to prod, @[Bob Builder](5b10ab)');
      // Back to the preview: it shows the edit.
      await click(buttonNamed('Preview'));
      expect(byTestId('proposal-comment-preview').textContent).toContain('Deployed to prod, @Bob Builder');
      await click(buttonNamed('Confirm'));
      expect(onAnswer).toHaveBeenCalledWith('p-1', true, { body: 'Deployed to prod, @[Bob Builder](5b10ab)' });
    });

    it('the Edit toggle keeps one name for one state: it is not both relabelled and pressed', async () => {
      await show(COMMENT);
      const edit = buttonNamed('Edit');
      await click(edit);
      const toggled = byTestId('proposal-edit');
      // A toggle whose label changes must not also say "pressed" (the name already says the state).
      expect(toggled.hasAttribute('aria-pressed') && accessibleName(toggled) !== 'Edit').toBe(false);
    });

    it('while it is carried out the buttons go and the card says so; once done it links to the comment', async () => {
      await show(COMMENT, 'confirming');
      expect(queryByTestId('proposal-confirm')).toBeNull();
      expect(byTestId('proposal-working').textContent).toContain('Writing it to Jira…');
      rendered?.unmount();

      await show({ ...COMMENT, state: 'DONE', result: { commentId: '10042' } }, 'settled');
      const outcome = byTestId('proposal-outcome');
      expect(outcome.textContent).toContain('Comment added to SCRUM-2');
      expect(outcome.querySelector('a')?.getAttribute('href')).toBe('https://example.atlassian.net/browse/SCRUM-2?focusedCommentId=10042');
      rendered?.unmount();

      await show(COMMENT, 'settled', true);
      expect(byTestId('proposal-outcome').textContent).toContain('Nothing was written to Jira.');
      expect(byTestId('proposal-outcome').querySelector('a')).toBeNull();
    });
  });

  describe('transition', () => {
    it('shows from → to and an input for each field, labelled with its name and whether it is required', async () => {
      const card = await show(transition([NOTE, OPTIONAL]));
      const statuses = byTestId('proposal-statuses');
      expect(statuses.textContent?.replace(/\s+/g, ' ')).toMatch(/In Progress\s*→\s*(to\s*)?Done/);
      expect(accessibleName(card)).toBe('Move SCRUM-2 to Done');

      const inputs = Array.from(card.querySelectorAll('input'));
      expect(inputs.map((i) => accessibleName(i))).toEqual(['Release note (required)', 'Reviewer']);
      expectLabelInName(card);
    });

    it('the arrow reads as "to" for a screen reader (not an aria-label on a plain span, which is not read)', async () => {
      await show(transition([]));
      const statuses = byTestId('proposal-statuses');
      expect(statuses.querySelector('span[aria-label]:not([role])')).toBeNull();
      const spoken = Array.from(statuses.querySelectorAll('.chat-visually-hidden')).map((e) => e.textContent?.trim());
      expect(spoken).toContain('to');
    });

    it('Confirm is disabled and explains until the required field is filled, then sends the values in userInput', async () => {
      await show(transition([NOTE, OPTIONAL]));
      const confirm = buttonNamed('Confirm');
      expect(confirm.disabled).toBe(true);
      expect(byTestId('proposal-blocker').textContent).toBe('Fill in Release note to confirm: the transition needs it.');

      const [note] = Array.from(byTestId('proposal-field-customfield_1').querySelectorAll('input'));
      await type(note, '   ');
      expect(buttonNamed('Confirm').disabled).toBe(true);
      await type(note, ' Fixed the login bug ');
      expect(buttonNamed('Confirm').disabled).toBe(false);
      expect(queryByTestId('proposal-blocker')).toBeNull();

      await click(buttonNamed('Confirm'));
      expect(onAnswer).toHaveBeenCalledWith('p-2', true, {
        fields: [
          { ...NOTE, value: 'Fixed the login bug' },
          { ...OPTIONAL, value: null },
        ],
      });
    });

    it('a field with allowed values is a choice of them; choosing one enables Confirm and sends its name', async () => {
      await show(transition([RESOLUTION]));
      expect(buttonNamed('Confirm').disabled).toBe(true);
      const input = await waitFor(() => {
        const found = byTestId('proposal-field-resolution').querySelector('input');
        if (!found) throw new Error('the select has not loaded');
        return found;
      });
      expect(accessibleName(input)).toBe('Resolution (required)');
      await press(input, 'ArrowDown');
      const option = await waitFor(() => {
        const found = Array.from(document.querySelectorAll('[role="option"], [id*="-option-"]')).find((o) => o.textContent === 'Fixed');
        if (!found) throw new Error('no option "Fixed"');
        return found as HTMLElement;
      });
      await click(option);
      expect(buttonNamed('Confirm').disabled).toBe(false);
      await click(buttonNamed('Confirm'));
      expect(onAnswer).toHaveBeenCalledWith('p-2', true, { fields: [{ ...RESOLUTION, value: 'Fixed' }] });
    });

    it('fields the assistant already filled need no edit: Confirm sends no userInput', async () => {
      await show(transition([{ ...NOTE, value: 'Shipped' }]));
      await click(buttonNamed('Confirm'));
      expect(onAnswer).toHaveBeenCalledWith('p-2', true, undefined);
    });
  });

  describe('stand-up', () => {
    it('lists one comment per issue with its preview, mentions as names; Confirm and Reject answer with the id', async () => {
      const card = await show(STANDUP);
      expect(accessibleName(card)).toBe('Post your stand-up to 2 issues');
      const blocked = byTestId('proposal-standup-SCRUM-2');
      expect(blocked.textContent).toContain('SCRUM-2 Checkout button');
      expect(blocked.textContent).toContain('Blocked');
      expect(blocked.textContent).toContain('Will be flagged');
      expect(blocked.querySelector('.mention-chip')?.textContent).toBe('@Bob Builder');
      expect(blocked.querySelector('a')).toBeNull();
      expect(card.innerHTML).not.toContain('5b10ab');
      expect(byTestId('proposal-standup-SCRUM-4').querySelector('strong:not(:first-child), p strong')?.textContent).toBe('payments');
      expectLabelInName(card);
      await click(buttonNamed('Confirm'));
      expect(onAnswer).toHaveBeenLastCalledWith('p-4', true);
      await click(buttonNamed('Reject'));
      expect(onAnswer).toHaveBeenLastCalledWith('p-4', false);
    });

    it('once posted it says how many comments were posted, links to each and names the refused ones with why', async () => {
      await show(
        {
          ...STANDUP,
          state: 'DONE',
          result: {
            posted: [{ issueKey: 'SCRUM-2', commentId: '10010', url: 'https://example.atlassian.net/browse/SCRUM-2?focusedCommentId=10010', flagged: true }],
            refused: [{ issueKey: 'SCRUM-4', reason: 'You may not comment on SCRUM-4.' }],
          },
        },
        'settled',
      );
      const outcome = byTestId('proposal-outcome');
      expect(outcome.textContent).toContain('1 comment posted');
      expect(outcome.textContent).toContain('Not posted: SCRUM-4 (You may not comment on SCRUM-4).');
      const links = Array.from(outcome.querySelectorAll('a'));
      expect(links.map((a) => [a.textContent, a.getAttribute('href')])).toEqual([
        ['Open the comment on SCRUM-2', 'https://example.atlassian.net/browse/SCRUM-2?focusedCommentId=10010'],
      ]);
      rendered?.unmount();

      await show({ ...STANDUP, state: 'DONE', result: { posted: [{ issueKey: 'SCRUM-2', commentId: '1' }, { issueKey: 'SCRUM-4', commentId: '2' }], refused: [] } }, 'settled');
      expect(byTestId('proposal-outcome').textContent).toContain('2 comments posted');
      expect(byTestId('proposal-outcome').textContent).not.toContain('Not posted');
    });
  });

  describe('assign', () => {
    it('names the person and the issue; Confirm and Reject answer with the id', async () => {
      const card = await show(ASSIGN);
      expect(accessibleName(card)).toBe('Assign SCRUM-2 to Bob Builder');
      expect(byTestId('proposal-assignee').textContent).toBe('Bob Builder');
      expect(card.textContent).not.toContain('5b10ab');
      expectLabelInName(card);
      await click(buttonNamed('Confirm'));
      expect(onAnswer).toHaveBeenLastCalledWith('p-3', true);
      await click(buttonNamed('Reject'));
      expect(onAnswer).toHaveBeenLastCalledWith('p-3', false);
    });
  });
});
