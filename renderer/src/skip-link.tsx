import type { MouseEvent } from 'react';

/**
 * The first stop of the Tab key: past the header, the views and the status bar, straight to the view shown. It moves
 * the focus itself rather than following its #fragment, which would change the page's address (the demo keeps its
 * token there) and would not move the keyboard's place in every browser.
 */
export function SkipLink({ target, children }: { target: string; children: string }) {
  const skip = (event: MouseEvent<HTMLAnchorElement>) => {
    const to = document.getElementById(target);
    if (!to) return;
    event.preventDefault();
    to.focus();
  };
  return (
    <a className="skip-link" href={`#${target}`} onClick={skip}>
      {children}
    </a>
  );
}
