/** A labelled progress bar; without a total it is indeterminate (a job still counting what to do). */
export function ProgressBar({ label, done, total }: { label: string; done: number; total: number | null }) {
  return total !== null && total > 0 ? <progress className="progress" aria-label={label} value={Math.min(done, total)} max={total} /> : <progress className="progress" aria-label={label} />;
}
