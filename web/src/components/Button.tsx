// KERN button; `busy` disables it and tells assistive technology that work is under way.
import type { ComponentChildren } from 'preact';

interface Props {
  kind?: 'primary' | 'secondary' | 'tertiary';
  type?: 'button' | 'submit';
  onClick?: () => void;
  busy?: boolean;
  disabled?: boolean;
  icon?: string;
  label?: string;
  children: ComponentChildren;
  id?: string;
  block?: boolean;
  small?: boolean;
}

export function Button(p: Props) {
  const cls = ['kern-btn', `kern-btn--${p.kind ?? 'primary'}`];
  if (p.block) cls.push('kern-btn--block');
  if (p.small) cls.push('kern-btn--x-small');
  return (
    <button
      id={p.id}
      type={p.type ?? 'button'}
      class={cls.join(' ')}
      onClick={p.onClick}
      disabled={p.disabled || p.busy}
      aria-busy={p.busy ? 'true' : undefined}
      aria-label={p.label}
    >
      {p.icon ? <span class={`kern-icon kern-icon--${p.icon}`} aria-hidden="true" /> : null}
      <span class="kern-label">{p.children}</span>
    </button>
  );
}
