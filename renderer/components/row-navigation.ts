import type { KeyboardEvent } from 'react';

/**
 * Props that make a clickable table row work from the keyboard: Tab reaches it, Enter or Space opens it, and the
 * arrow keys (Home, End) move between the rows of its table, as in a list box.
 */
export function rowNavigation(open: () => void) {
  return {
    tabIndex: 0,
    'data-row-nav': true,
    onKeyDown: (event: KeyboardEvent<HTMLElement>) => {
      const row = event.currentTarget;
      const rows = () => [...(row.parentElement?.querySelectorAll<HTMLElement>(':scope > [data-row-nav]') ?? [])];
      const focus = (target: HTMLElement | undefined) => {
        if (!target) return;
        event.preventDefault();
        target.focus();
      };
      if (event.target !== row) return;
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        open();
      } else if (event.key === 'ArrowDown') focus(rows()[rows().indexOf(row) + 1]);
      else if (event.key === 'ArrowUp') focus(rows()[rows().indexOf(row) - 1]);
      else if (event.key === 'Home') focus(rows()[0]);
      else if (event.key === 'End') focus(rows().at(-1));
    },
  };
}
