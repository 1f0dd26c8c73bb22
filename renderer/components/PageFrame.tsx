import type { ReactNode } from 'react';

/** The frame of every page: a heading that names it for screen readers and keyboard users, and the page's main actions beside it. */
export function PageFrame({ title, actions, children }: { title: string; actions?: ReactNode; children: ReactNode }) {
  return (
    <section className="page" aria-labelledby="page-title">
      <div className="page-header">
        <h1 id="page-title" tabIndex={-1}>
          {title}
        </h1>
        {actions && <div className="page-actions">{actions}</div>}
      </div>
      {children}
    </section>
  );
}

/** What an empty list looks like: what will appear here, and the one thing to do next. */
export function EmptyState({ title, children, action }: { title?: string; children: ReactNode; action?: ReactNode }) {
  return (
    <div className="empty-state">
      {title && <p className="empty-state-title">{title}</p>}
      <p>{children}</p>
      {action}
    </div>
  );
}

/** A region that is still loading, announced politely. */
export function Loading({ label }: { label: string }) {
  return (
    <p className="loading" role="status" aria-live="polite" aria-busy="true">
      <span className="spinner" aria-hidden="true" />
      {label}
    </p>
  );
}
