import Heading from '@atlaskit/heading';
import { token } from '@atlaskit/tokens';
import { useId, type CSSProperties } from 'react';

import {
  CRITERIA,
  CRITERION_LABELS,
  normalizeScore,
  scoreBand,
  verdict,
  type Assessment,
  type ScoreBand,
  type ScoreKey,
} from '../assessment';

/** Bar fill per band; token() keeps light and dark themes right, the second value is the light fallback. */
export function bandFill(band: ScoreBand): string {
  switch (band) {
    case 'danger':
      return token('color.background.danger.bold', '#C9372C');
    case 'warning':
      return token('color.background.warning.bold', '#E2B203');
    default:
      return token('color.background.success.bold', '#1F845A');
  }
}

const subtle = token('color.text.subtle', '#44546F');

function Bar({ score, height }: { score: number; height: string }) {
  const trackStyle: CSSProperties = {
    flex: '1 1 auto',
    minWidth: '48px',
    height,
    borderRadius: token('radius.small', '4px'),
    backgroundColor: token('color.background.neutral', '#091E420F'),
    overflow: 'hidden',
  };
  return (
    <div aria-hidden="true" style={trackStyle}>
      <div style={{ width: `${score * 10}%`, height: '100%', backgroundColor: bandFill(scoreBand(score)) }} />
    </div>
  );
}

interface MeterProps {
  criterion: ScoreKey;
  score: number;
  labelId: string;
  /** Text shown after the bar (and read by assistive technology). */
  valueText: string;
  large?: boolean;
}

/**
 * One score as an ARIA meter (1–10). The value is always written out next to the bar, so colour
 * is never the only signal.
 */
function ScoreMeter({ criterion, score, labelId, valueText, large = false }: MeterProps) {
  return (
    <div
      role="meter"
      aria-valuenow={score}
      aria-valuemin={1}
      aria-valuemax={10}
      aria-valuetext={valueText}
      aria-labelledby={labelId}
      data-testid={`score-${criterion}`}
      style={{ display: 'flex', alignItems: 'center', gap: token('space.100', '8px'), minWidth: 0 }}
    >
      <Bar score={score} height={large ? '12px' : '8px'} />
      <span
        style={{
          flex: '0 0 auto',
          minWidth: large ? undefined : '3.2em',
          textAlign: 'right',
          fontVariantNumeric: 'tabular-nums',
          font: large ? token('font.heading.small', 'normal 653 16px/20px sans-serif') : undefined,
        }}
      >
        {valueText}
      </span>
    </div>
  );
}

export interface ScorecardProps {
  assessment: Assessment;
  /** Leave out the one-line reasons (issue glance). */
  compact?: boolean;
}

/** The overall score, prominent, then one bar per criterion with its reason. */
export function Scorecard({ assessment, compact = false }: ScorecardProps) {
  const baseId = useId();
  const overall = normalizeScore(assessment.scores.overall) ?? 1;
  const overallVerdict = verdict(overall);
  const rows = CRITERIA.map((criterion) => ({ criterion, score: normalizeScore(assessment.scores[criterion]) })).filter(
    (row): row is { criterion: (typeof CRITERIA)[number]; score: number } => row.score !== undefined,
  );

  return (
    <section
      data-testid="scorecard"
      aria-labelledby={`${baseId}-title`}
      style={{ display: 'flex', flexDirection: 'column', gap: token('space.150', '12px') }}
    >
      <Heading size={compact ? 'xsmall' : 'small'} as="h2" id={`${baseId}-title`}>
        Scorecard
      </Heading>

      <div style={{ display: 'flex', flexDirection: 'column', gap: token('space.050', '4px') }}>
        <div id={`${baseId}-overall`} style={{ color: subtle }}>
          Overall readiness
        </div>
        <ScoreMeter
          criterion="overall"
          score={overall}
          labelId={`${baseId}-overall`}
          valueText={`${overall}/10 — ${overallVerdict}`}
          large
        />
        {!compact && assessment.reasons?.overall && <p style={{ margin: 0 }}>{assessment.reasons.overall}</p>}
      </div>

      <p style={{ margin: 0, color: subtle, font: token('font.body.small', '12px/16px sans-serif') }}>
        Scores run from 1 to 10; higher is better for every criterion (for risk, higher means less risky).
      </p>

      <ul style={{ listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: token('space.150', '12px') }}>
        {rows.map(({ criterion, score }) => {
          const labelId = `${baseId}-${criterion}`;
          const reason = assessment.reasons?.[criterion];
          return (
            <li key={criterion} style={{ margin: 0 }}>
              <div
                style={{
                  display: 'grid',
                  gridTemplateColumns: 'minmax(7.5em, 11em) minmax(0, 1fr)',
                  alignItems: 'center',
                  columnGap: token('space.100', '8px'),
                }}
              >
                <span id={labelId} style={{ fontWeight: token('font.weight.medium', '500') }}>
                  {CRITERION_LABELS[criterion]}
                </span>
                <ScoreMeter criterion={criterion} score={score} labelId={labelId} valueText={`${score}/10`} />
              </div>
              {!compact && reason && <p style={{ margin: `${token('space.025', '2px')} 0 0`, color: subtle }}>{reason}</p>}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
