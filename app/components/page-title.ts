import { useEffect } from 'react';

/**
 * The browser's tab and a screen reader's "page title" name the page after its main heading
 * ("Kehadiran Batita (Anggrek) · Asuh"), not "Asuh" on every page (WCAG 2.4.2). Read from the
 * rendered h1 after each render, so no route repeats its heading and a live update stays in step.
 */
export function usePageTitle(site = 'Asuh') {
  useEffect(() => {
    const heading = document.querySelector('main h1')?.textContent?.replace(/\s+/g, ' ').trim();
    const title = heading ? `${heading} · ${site}` : site;
    if (document.title !== title) document.title = title;
  });
}
