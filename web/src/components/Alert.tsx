// KERN alert box. Errors and success messages are announced to screen readers (role=alert /
// role=status) when they appear.
import type { ComponentChildren } from 'preact';

type Kind = 'info' | 'success' | 'warning' | 'danger';

interface Props {
  kind: Kind;
  title: string;
  children?: ComponentChildren;
  live?: boolean;
}

export function Alert({ kind, title, children, live = true }: Props) {
  const role = !live ? undefined : kind === 'danger' ? 'alert' : 'status';
  return (
    <div class={`kern-alert kern-alert--${kind}`} role={role}>
      <div class="kern-alert__header">
        <span class={`kern-icon kern-icon--${kind === 'danger' ? 'danger' : kind}`} aria-hidden="true" />
        <span class="kern-title">{title}</span>
      </div>
      {children ? <div class="kern-alert__body">{children}</div> : null}
    </div>
  );
}

/** Shows an error's message (the API's problem detail), or nothing. */
export function ErrorAlert({ error, title }: { error: string | null; title: string }) {
  if (!error) return null;
  return (
    <Alert kind="danger" title={title}>
      <p class="kern-body">{error}</p>
    </Alert>
  );
}
