import type { ReactNode } from 'react';

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
    <div className={className ? `table-wrap ${className}` : 'table-wrap'} role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
