import type { GrowthPoint } from '../../../shared/types/stores';
import { formatBytes } from '../../../shared/format';
import { strings } from '../../app/strings';
import { LineChart, niceBytesCeiling } from '../../components/LineChart';
import { formatDateTime, formatShortDay } from '../../lib/dates';

const text = strings.stores.growth;

/** Per snapshot: the store's size, and what all snapshots so far hold for each byte stored. */
export function growthSeries(growth: readonly GrowthPoint[]) {
  let logicalSoFar = 0;
  return growth.map((point) => {
    logicalSoFar += point.logicalBytes;
    return { ...point, x: Date.parse(point.time), ratio: point.storedBytes > 0 ? logicalSoFar / point.storedBytes : 1 };
  });
}

/** The store's growth and its deduplication over time: two charts, and the same numbers as a table. */
export function GrowthChart({ growth }: { growth: readonly GrowthPoint[] }) {
  if (growth.length === 0) return <p className="muted">{text.empty}</p>;
  const series = growthSeries(growth);
  const first = formatShortDay(series[0].x);
  const last = formatShortDay(series[series.length - 1].x);
  return (
    <div className="growth">
      <figure>
        <figcaption>{text.stored}</figcaption>
        <LineChart label={text.storedLabel(first, last, series.length)} points={series.map((point) => ({ x: point.x, y: point.storedBytes }))} formatY={formatBytes} formatX={formatShortDay} ceiling={niceBytesCeiling} />
      </figure>
      <figure>
        <figcaption>{text.dedup}</figcaption>
        <LineChart label={text.dedupLabel(first, last)} points={series.map((point) => ({ x: point.x, y: point.ratio }))} formatY={(value) => strings.units.ratio(value)} formatX={formatShortDay} />
      </figure>
      <details>
        <summary>{text.showTable}</summary>
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{text.columns.time}</th>
              <th scope="col">{text.columns.logical}</th>
              <th scope="col">{text.columns.added}</th>
              <th scope="col">{text.columns.stored}</th>
              <th scope="col">{text.columns.ratio}</th>
            </tr>
          </thead>
          <tbody>
            {series.map((point) => (
              <tr key={point.time}>
                <th scope="row">{formatDateTime(point.time)}</th>
                <td>{formatBytes(point.logicalBytes)}</td>
                <td>{formatBytes(point.addedBytes)}</td>
                <td>{formatBytes(point.storedBytes)}</td>
                <td>{strings.units.ratio(point.ratio)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </div>
  );
}
