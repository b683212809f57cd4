import type { UsageDay } from './api';

const WIDTH = 640;
const HEIGHT = 160;
const PAD = 20;

/**
 * Tokens per day as SVG bars, with the same figures in a table for screen readers and anyone who
 * prefers numbers (the chart itself is one labelled image).
 */
export function DailyChart({ days }: { days: UsageDay[] }) {
  const max = Math.max(1, ...days.map((day) => day.totalTokens));
  const slot = (WIDTH - PAD) / Math.max(1, days.length);
  const total = days.reduce((sum, day) => sum + day.totalTokens, 0);
  return (
    <figure style={{ margin: 0 }}>
      <svg
        role="img"
        aria-label={`Tokens per day from ${days[0]?.day ?? ''} to ${days[days.length - 1]?.day ?? ''}: ${total.toLocaleString()} in all, at most ${max.toLocaleString()} in a day`}
        viewBox={`0 0 ${WIDTH} ${HEIGHT + PAD}`}
        width="100%"
        data-testid="usage-chart"
      >
        <line className="admin-chart-axis" x1={PAD} x2={WIDTH} y1={HEIGHT} y2={HEIGHT} />
        {days.map((day, index) => {
          const height = (day.totalTokens / max) * (HEIGHT - PAD);
          return (
            <rect
              key={day.day}
              className="admin-chart-bar"
              x={PAD + index * slot + slot * 0.1}
              y={HEIGHT - height}
              width={Math.max(1, slot * 0.8)}
              height={height}
              data-testid="usage-bar"
            >
              <title>{`${day.day}: ${day.totalTokens.toLocaleString()} tokens`}</title>
            </rect>
          );
        })}
        <text className="admin-chart-label" x={PAD} y={PAD / 2}>
          {max.toLocaleString()}
        </text>
        <text className="admin-chart-label" x={PAD} y={HEIGHT + PAD - 4}>
          {days[0]?.day}
        </text>
        <text className="admin-chart-label" x={WIDTH} y={HEIGHT + PAD - 4} textAnchor="end">
          {days[days.length - 1]?.day}
        </text>
      </svg>
      <details>
        <summary>Show the figures as a table</summary>
        <table className="data-table" data-testid="usage-days-table">
          <caption className="visually-hidden">Tokens and estimated cost per day</caption>
          <thead>
            <tr>
              <th scope="col">Day (UTC)</th>
              <th scope="col" className="admin-number">Prompt tokens</th>
              <th scope="col" className="admin-number">Completion tokens</th>
              <th scope="col" className="admin-number">Estimated cost</th>
            </tr>
          </thead>
          <tbody>
            {days.map((day) => (
              <tr key={day.day}>
                <td>{day.day}</td>
                <td className="admin-number">{day.promptTokens.toLocaleString()}</td>
                <td className="admin-number">{day.completionTokens.toLocaleString()}</td>
                <td className="admin-number">{usd(day.estimatedCostUsd)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

/** A cost in USD, or a dash when there is no price. */
export function usd(value: number | null): string {
  return value == null ? '–' : `$${value.toFixed(value < 1 ? 4 : 2)}`;
}
