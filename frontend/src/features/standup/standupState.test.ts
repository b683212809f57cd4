import { describe, expect, it } from 'vitest';

import type { StandupDay } from './api';
import { dateInWords, timeInZone } from './dates';
import { initialToday, isDirty, todayReducer, type TodayState } from './standupState';

const ISSUE = { issueKey: 'SCRUM-2', summary: 'Checkout button', status: 'In Progress', why: 'You updated it yesterday' };

const DAY: StandupDay = {
  date: '2026-12-06',
  timeZone: 'Pacific/Auckland',
  snoozed: true,
  questions: [],
  standup: null,
  suggestions: { yesterday: [ISSUE], today: [] },
};

function loaded(day: StandupDay = DAY): TodayState {
  return todayReducer(initialToday, { type: 'loaded', day });
}

describe('today’s stand-up state', () => {
  it('"Add to answer" appends "KEY summary" on its own line, once', () => {
    let state = todayReducer(loaded(), { type: 'answer', id: 'yesterday', text: 'Reviews  ' });
    state = todayReducer(state, { type: 'add-to-answer', id: 'yesterday', issue: ISSUE });
    expect(state.answers.yesterday).toBe('Reviews\nSCRUM-2 Checkout button');
    expect(todayReducer(state, { type: 'add-to-answer', id: 'yesterday', issue: ISSUE })).toBe(state);
    expect(todayReducer(loaded(), { type: 'add-to-answer', id: 'today', issue: ISSUE }).answers.today).toBe('SCRUM-2 Checkout button');
  });

  it('a saved stand-up fills the form; changes to it (answers or kept issues) are unsaved until saved again', () => {
    const saved = { date: '2026-12-06', yesterday: 'A', today: 'B', blockers: '', issueKeys: ['SCRUM-2'], createdAt: 'x', updatedAt: 'x' };
    const state = loaded({ ...DAY, standup: saved });
    expect(state.answers).toEqual({ yesterday: 'A', today: 'B', blockers: '' });
    expect(state.kept).toEqual(['SCRUM-2']);
    expect(state.snoozed).toBe(true);
    expect(isDirty(state)).toBe(false);
    expect(isDirty(todayReducer(state, { type: 'keep', issueKey: 'SCRUM-2', kept: false }))).toBe(true);
    expect(isDirty(todayReducer(state, { type: 'answer', id: 'blockers', text: 'None' }))).toBe(true);
    expect(isDirty(loaded())).toBe(false);
  });

  it('saving again drops the comments previewed from the answers before', () => {
    const proposal = { id: 'p-1', state: 'PENDING', payload: { date: '', comments: [] }, result: null, error: null };
    const previewed = todayReducer(loaded(), { type: 'previewed', proposal });
    expect(previewed.review.status).toBe('ready');
    const saved = { date: '2026-12-06', yesterday: 'A', today: '', blockers: '', issueKeys: [], createdAt: 'x', updatedAt: 'x' };
    expect(todayReducer(previewed, { type: 'saved', standup: saved }).review).toEqual({ status: 'idle' });
  });
});

describe('stand-up dates', () => {
  it('a calendar date in words, whatever the browser’s zone', () => {
    expect(dateInWords('2026-12-06')).toBe('Sunday, 6 December');
    expect(dateInWords('2026-12-04', true)).toBe('Friday, 4 December 2026');
  });

  it('the time saved in the user’s Jira time zone: one instant, two users on different dates', () => {
    expect(timeInZone('2026-12-05T20:14:00Z', 'Pacific/Auckland')).toBe('09:14');
    expect(timeInZone('2026-12-05T20:14:00Z', 'Pacific/Honolulu')).toBe('10:14');
    expect(timeInZone('not a time', 'UTC')).toBe('');
    expect(timeInZone('2026-12-05T20:14:00Z', 'Not/AZone')).toMatch(/^\d{2}:\d{2}$/);
  });
});
