import { createRateEstimator } from '../../shared/eta';
import { formatBytes, formatDuration, formatPercent } from '../../shared/format';
import type { CliIo } from './io';

export interface BarState {
  readonly label: string;
  readonly bytesDone: number;
  readonly bytesTotal: number | null;
  readonly filesDone: number;
  readonly filesTotal: number | null;
  readonly currentPath: string | null;
}

/**
 * A one-line progress bar with rate and ETA on stderr when it is a terminal; silent otherwise
 * (scripts get the result, not a stream of carriage returns).
 */
export function createProgressBar(io: CliIo): { update(state: BarState): void; done(): void } {
  const isTty = io.stderr.isTTY === true;
  const estimator = createRateEstimator();
  let isShown = false;
  return {
    update(state) {
      if (!isTty) return;
      estimator.update(state.bytesDone, Date.now());
      const rate = estimator.bytesPerSecond;
      const etaSeconds = estimator.etaSeconds(state.bytesDone, state.bytesTotal);
      const fraction = state.bytesTotal ? state.bytesDone / state.bytesTotal : null;
      const width = 24;
      const filled = fraction === null ? 0 : Math.round(width * Math.min(1, fraction));
      const bar = fraction === null ? '…'.padEnd(width) : `${'='.repeat(filled)}${filled < width ? '>' : ''}`.padEnd(width);
      const eta = etaSeconds === null ? '' : ` ETA ${formatDuration(etaSeconds)}`;
      const files = `${state.filesDone}${state.filesTotal === null ? '' : `/${state.filesTotal}`} files`;
      const amount = `${formatBytes(state.bytesDone)}${state.bytesTotal === null ? '' : `/${formatBytes(state.bytesTotal)}`}`;
      const text = `${state.label} [${bar}] ${fraction === null ? '' : `${formatPercent(fraction)} `}${files} ${amount} ${formatBytes(rate)}/s${eta}`;
      const columns = io.stderr.columns ?? 100;
      const path = state.currentPath ? ` ${state.currentPath}` : '';
      io.stderr.write(`\r${`${text}${path}`.slice(0, columns - 1).padEnd(columns - 1)}`);
      isShown = true;
    },
    done() {
      if (isShown) io.stderr.write('\n');
    },
  };
}
