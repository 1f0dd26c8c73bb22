import { strings } from '../app/strings';
import { useConnection } from '../app/context';

/** A dot and a word in the header; announced politely when it changes. */
export function ConnectionIndicator() {
  const status = useConnection((state) => state.status);
  return (
    <div className={`connection connection-${status}`} role="status" aria-live="polite" data-testid="connection-status" data-status={status}>
      <span className="connection-dot" aria-hidden="true" />
      {strings.connection[status]}
    </div>
  );
}
