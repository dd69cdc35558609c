/**
 * A note body's simple Markdown as Preact elements. The parser (notes/markdown.ts)
 * yields a plain node tree; every string here is rendered as a text child, never
 * as HTML, and links are http(s) only (checked again at render).
 */
import type { ComponentChildren } from 'preact';
import { useMemo } from 'preact/hooks';
import { renderMarkdownSafe, safeHref, type MdBlock, type MdInline } from '../notes/markdown';

function inline(nodes: readonly MdInline[]): ComponentChildren[] {
  return nodes.map((n, i) => {
    switch (n.type) {
      case 'text':
        return n.text;
      case 'strong':
        return <strong key={i}>{inline(n.children)}</strong>;
      case 'em':
        return <em key={i}>{inline(n.children)}</em>;
      case 'code':
        return <code key={i}>{n.text}</code>;
      case 'br':
        return <br key={i} />;
      case 'link': {
        const href = safeHref(n.href);
        return href ? (
          <a key={i} href={href} target="_blank" rel="noopener noreferrer">
            {inline(n.children)}
          </a>
        ) : (
          <span key={i}>{inline(n.children)}</span>
        );
      }
      default:
        return null;
    }
  });
}

function block(b: MdBlock, i: number) {
  return b.type === 'p' ? (
    <p key={i}>{inline(b.children)}</p>
  ) : (
    <ul key={i}>
      {b.children.map((li, j) => (
        <li key={j}>{inline(li.children)}</li>
      ))}
    </ul>
  );
}

export function Markdown({ source, class: className }: { source: string; class?: string }) {
  const blocks = useMemo(() => renderMarkdownSafe(source), [source]);
  return <div class={className ?? 'md'}>{blocks.map(block)}</div>;
}
