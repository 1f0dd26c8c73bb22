/**
 * A small line chart in SVG: one series over time, with a baseline at zero, three value ticks and
 * the first and last dates. Hand-written because two polylines and two linear scales are about
 * sixty lines, where a charting library (recharts, visx, d3) would add hundreds of kilobytes.
 * It is an image for screen readers (`label` summarises it); each chart in the app comes with a
 * table of its numbers.
 */
export interface ChartPoint {
  /** Time in milliseconds. */
  readonly x: number;
  readonly y: number;
}

const width = 640;
const height = 200;
const pad = { left: 72, right: 12, top: 12, bottom: 24 };

/** The smallest of 1, 2, 5 × 10ⁿ that is at least `value`, so ticks land on round numbers. */
export function niceCeiling(value: number): number {
  if (!(value > 0)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 5, 10].find((factor) => factor * magnitude >= value) ?? 10;
  return step * magnitude;
}

/** The same for sizes, in binary units, so a store of 41 GiB gets an axis up to 50 GiB rather than 46.6 GiB. */
export function niceBytesCeiling(bytes: number): number {
  const unit = 1024 ** Math.max(0, Math.floor(Math.log(Math.max(bytes, 1)) / Math.log(1024)));
  return niceCeiling(bytes / unit) * unit;
}

export function LineChart(props: { label: string; points: readonly ChartPoint[]; formatY: (value: number) => string; formatX: (ms: number) => string; ceiling?: (max: number) => number }) {
  const { label, points, formatY, formatX, ceiling = niceCeiling } = props;
  const xs = points.map((point) => point.x);
  const [minX, maxX] = [Math.min(...xs), Math.max(...xs)];
  const maxY = ceiling(Math.max(...points.map((point) => point.y)));
  const plotWidth = width - pad.left - pad.right;
  const plotHeight = height - pad.top - pad.bottom;
  const toX = (x: number): number => pad.left + (maxX === minX ? plotWidth / 2 : ((x - minX) / (maxX - minX)) * plotWidth);
  const toY = (y: number): number => pad.top + plotHeight - (y / maxY) * plotHeight;
  const line = points.map((point) => `${toX(point.x).toFixed(1)},${toY(point.y).toFixed(1)}`).join(' ');
  const last = points.at(-1);
  const baseline = pad.top + plotHeight;

  return (
    <svg className="chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label}>
      <title>{label}</title>
      {[0, 0.5, 1].map((fraction) => (
        <g key={fraction} className="chart-grid">
          <line x1={pad.left} x2={width - pad.right} y1={toY(maxY * fraction)} y2={toY(maxY * fraction)} />
          <text x={pad.left - 8} y={toY(maxY * fraction) + 4} textAnchor="end">
            {formatY(maxY * fraction)}
          </text>
        </g>
      ))}
      {points.length > 1 && <polygon className="chart-area" points={`${toX(minX)},${baseline} ${line} ${toX(maxX)},${baseline}`} />}
      <polyline className="chart-line" points={line} />
      {last && <circle className="chart-dot" cx={toX(last.x)} cy={toY(last.y)} r={4} />}
      <text className="chart-axis" x={pad.left} y={height - 6}>
        {formatX(minX)}
      </text>
      <text className="chart-axis" x={width - pad.right} y={height - 6} textAnchor="end">
        {formatX(maxX)}
      </text>
    </svg>
  );
}
