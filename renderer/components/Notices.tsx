import { useAppServices, useAppState } from '../app/context';
import { strings } from '../app/strings';
import type { Notice } from '../stores/notices-store';

const text = strings.notices;

function message(notice: Notice): string {
  if (notice.kind === 'account-expired') return text.accountExpired(notice.account);
  return notice.kind === 'job-failed' ? text.jobFailed(notice.title) : text.restoreDone(notice.title);
}

/** In-app notifications in the corner of the window, read out politely; each with its action and Dismiss. */
export function Notices() {
  const notices = useAppState('notices', (state) => state.notices);
  const store = useAppServices().notices;
  return (
    <section className="notices" aria-label={text.label} aria-live="polite">
      {notices.map((notice) => (
        <div key={notice.id} className={`toast toast-${notice.kind}`}>
          <p>{message(notice)}</p>
          <a href={notice.kind === 'account-expired' ? '#/sources' : '#/activity'} onClick={() => store.getState().dismiss(notice.id)}>
            {notice.kind === 'account-expired' ? text.reconnect : text.showActivity}
          </a>
          <button type="button" className="icon-button" aria-label={text.dismiss} onClick={() => store.getState().dismiss(notice.id)}>
            <span aria-hidden="true">×</span>
          </button>
        </div>
      ))}
    </section>
  );
}
