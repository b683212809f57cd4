import { token } from '@atlaskit/tokens';

import { scoreBand } from '../assessment';
import { bandFill } from './Scorecard';
import { visuallyHidden } from './visuallyHidden';

const WIDTH = 96;
const HEIGHT = 28;
const PAD = 4;
/** The sparkline shows at most this many of the latest scores. */
export const MAX_POINTS = 20;

export interface HistoryTrendProps {
  /** Overall scores, oldest first. */
  scores: number[];
}

/** Points of the sparkline: x spread evenly, y from 1 (bottom) to 10 (top). */
export function sparklinePoints(scores: number[]): Array<[number, number]> {
  const innerW = WIDTH - 2 * PAD;
  const innerH = HEIGHT - 2 * PAD;
  return scores.map((score, index) => {
    const x = scores.length === 1 ? WIDTH / 2 : PAD + (innerW * index) / (scores.length - 1);
    const y = PAD + innerH * (1 - (score - 1) / 9);
    return [Math.round(x * 10) / 10, Math.round(y * 10) / 10];
  });
}

/**
 * A small sparkline of the overall score over time, with the same numbers as text
 * ("Scores: 4, 6, 7"), so nothing depends on seeing the drawing.
 */
export function HistoryTrend({ scores }: HistoryTrendProps) {
  if (scores.length === 0) return null;
  const shown = scores.slice(-MAX_POINTS);
  const points = sparklinePoints(shown);
  const [lastX, lastY] = points[points.length - 1];
  const last = shown[shown.length - 1];

  return (
    <div
      data-testid="history-trend"
      style={{ display: 'flex', alignItems: 'center', gap: token('space.100', '8px'), color: token('color.text.subtle', '#44546F') }}
    >
      <svg width={WIDTH} height={HEIGHT} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} aria-hidden="true" focusable="false">
        {points.length > 1 && (
          <polyline
            points={points.map(([x, y]) => `${x},${y}`).join(' ')}
            fill="none"
            stroke={token('color.border.bold', '#758195')}
            strokeWidth={1.5}
            strokeLinejoin="round"
            strokeLinecap="round"
          />
        )}
        <circle cx={lastX} cy={lastY} r={3} fill={bandFill(scoreBand(last))} />
      </svg>
      <span>
        <span style={visuallyHidden}>Overall score history, oldest first. </span>
        Scores: {shown.join(', ')}
      </span>
    </div>
  );
}
