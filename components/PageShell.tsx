/** The frame of Gloss's full pages (options, welcome): the icon and the page's title. */
import type { ComponentChildren } from 'preact';

export function PageShell({ title, children }: { title: string; children: ComponentChildren }) {
  return (
    <main class="page">
      <h1>
        <img src="/icon/48.png" alt="" />
        {title}
      </h1>
      {children}
    </main>
  );
}
