import { describe, expect, it } from 'vitest';

import { isAssessment, maskedText, normalizeScore, retryAfterText, scoreBand, verdict } from './assessment';
import { ApiError } from './bridge';
import { sparklinePoints } from './components/HistoryTrend';
import { issueKeyFromForgeContext, issueKeyFromSearch } from './issueKey';

describe('scores', () => {
  it('bands 1–3 danger, 4–6 warning, 7–10 success', () => {
    expect([1, 3, 4, 6, 7, 10].map(scoreBand)).toEqual(['danger', 'danger', 'warning', 'warning', 'success', 'success']);
  });

  it('gives a verdict per overall score', () => {
    expect(verdict(2)).toBe('Needs rework');
    expect(verdict(6)).toBe('Workable with gaps');
    expect(verdict(8)).toBe('Good, minor gaps');
    expect(verdict(10)).toBe('Ready to work on');
  });

  it('normalizes scores to whole numbers from 1 to 10', () => {
    expect(normalizeScore(6)).toBe(6);
    expect(normalizeScore('7')).toBe(7);
    expect(normalizeScore(6.6)).toBe(7);
    expect(normalizeScore(0)).toBe(1);
    expect(normalizeScore(12)).toBe(10);
    expect(normalizeScore(undefined)).toBeUndefined();
    expect(normalizeScore('high')).toBeUndefined();
  });

  it('recognises an assessment by its id and overall score', () => {
    expect(isAssessment({ id: 1, scores: { overall: 5 } })).toBe(true);
    expect(isAssessment({ id: 'a', scores: {} })).toBe(false);
    expect(isAssessment({ scores: { overall: 5 } })).toBe(false);
    expect(isAssessment('{"id":1}')).toBe(false);
  });

  it('draws the sparkline from 1 at the bottom to 10 at the top, oldest on the left', () => {
    const points = sparklinePoints([1, 10]);
    expect(points[0][0]).toBeLessThan(points[1][0]);
    expect(points[0][1]).toBeGreaterThan(points[1][1]);
  });
});

describe('retryAfterText', () => {
  const error = (status: number, retryAfterSeconds?: unknown) =>
    new ApiError(status, { title: 'Busy', retryAfterSeconds });

  it('says when to retry for 429 and 503 with retryAfterSeconds', () => {
    expect(retryAfterText(error(429, 1))).toBe('Try again in 1 second.');
    expect(retryAfterText(error(503, 30))).toBe('Try again in 30 seconds.');
    expect(retryAfterText(error(429, 600))).toBe('Try again in 10 minutes.');
  });

  it('says nothing for other statuses or without a usable value', () => {
    expect(retryAfterText(error(500, 30))).toBeUndefined();
    expect(retryAfterText(error(429))).toBeUndefined();
    expect(retryAfterText(error(429, 'soon'))).toBeUndefined();
  });
});

describe('issue key', () => {
  it('comes from the issueKey query parameter on Connect', () => {
    expect(issueKeyFromSearch('?issueKey=SCRUM-1&issueId=10010&projectKey=SCRUM&jwt=x')).toBe('SCRUM-1');
    expect(issueKeyFromSearch('?issueId=10010')).toBeUndefined();
    expect(issueKeyFromSearch('?issueKey=')).toBeUndefined();
  });

  it('comes from extension.issue.key on Forge', () => {
    expect(issueKeyFromForgeContext({ extension: { type: 'jira:issuePanel', issue: { key: 'SCRUM-2', id: '10011' } } })).toBe(
      'SCRUM-2',
    );
    expect(issueKeyFromForgeContext({ extension: { type: 'jira:globalPage' } })).toBeUndefined();
    expect(issueKeyFromForgeContext(undefined)).toBeUndefined();
  });
});

describe('masked note', () => {
  it('says in one line what was hidden from the model', () => {
    expect(maskedText({ secrets: 2, emails: 1, phones: 0 })).toBe('2 secrets and 1 email were hidden from the AI');
    expect(maskedText({ secrets: 1, emails: 0, phones: 0 })).toBe('1 secret was hidden from the AI');
    expect(maskedText({ secrets: 1, emails: 2, phones: 1 })).toBe('1 secret, 2 emails and 1 phone number were hidden from the AI');
  });

  it('says nothing when nothing was hidden or the count is unknown', () => {
    expect(maskedText({ secrets: 0, emails: 0, phones: 0 })).toBeUndefined();
    expect(maskedText(undefined)).toBeUndefined();
  });
});
