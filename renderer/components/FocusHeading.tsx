import { useEffect, useRef, type ReactNode } from 'react';

/** A heading that takes the keyboard focus when it appears, so a step change is announced and the user starts from its top. */
export function FocusHeading({ id, children }: { id: string; children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <h2 id={id} tabIndex={-1} ref={ref} className="focus-heading">
      {children}
    </h2>
  );
}
