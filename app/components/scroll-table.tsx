import type { FocusEvent, ReactNode } from 'react';

/**
 * The box around a table that may be wider than the screen: the table scrolls sideways inside it,
 * and the box is a named region a keyboard reaches with Tab (then scrolls with the arrow keys), so
 * columns past the screen's edge are not for mouse and touch only. `label` is already translated.
 */
export function ScrollTable({
  label,
  className,
  children,
}: {
  label: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div
      className={className ? `table-wrap ${className}` : 'table-wrap'}
      role="region"
      aria-label={label}
      tabIndex={0}
      onFocus={showFocused}
    >
      {children}
    </div>
  );
}

/**
 * For a box that scrolls sideways: what the keyboard focuses inside it is scrolled fully into view
 * (Chromium leaves a link that is partly shown where it is, half hidden at the box's edge).
 */
export function showFocused(event: FocusEvent<HTMLElement>) {
  if (event.target !== event.currentTarget) event.target.scrollIntoView({ block: 'nearest', inline: 'nearest' });
}
