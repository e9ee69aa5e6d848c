import type { Token } from 'markdown-it';

/**
 * A template's markdown-it token stream as a small document tree that the DOCX and PDF renderers share:
 * headings, paragraphs, bullet and numbered lists, tables, quotes, rules; inside them text with bold,
 * italic, code and links, tick boxes `[ ]` and blanks `________`. Pure.
 */

export type Inline =
  | { kind: 'text'; text: string; bold: boolean; italic: boolean; code: boolean; href: string | null }
  | { kind: 'checkbox'; checked: boolean }
  | { kind: 'blank'; length: number }
  | { kind: 'break' };

export type Align = 'left' | 'right' | 'center' | null;

export type Block =
  | { kind: 'heading'; level: number; content: Inline[] }
  | { kind: 'paragraph'; content: Inline[] }
  | { kind: 'list'; ordered: boolean; start: number; items: Block[][] }
  | { kind: 'table'; header: Inline[][]; rows: Inline[][][]; align: Align[] }
  | { kind: 'quote'; blocks: Block[] }
  | { kind: 'code'; text: string }
  | { kind: 'rule' };

/** Turns links to guide pages (`/guide/...`) into full addresses: a file has no site to be relative to. */
export function toBlocks(tokens: Token[], publicUrl: string): Block[] {
  let at = 0;

  const inline = (token: Token | undefined): Inline[] => {
    const out: Inline[] = [];
    let bold = 0;
    let italic = 0;
    let href: string | null = null;
    for (const c of token?.children ?? []) {
      switch (c.type) {
        case 'text':
          if (c.content)
            out.push({
              kind: 'text',
              text: c.content,
              bold: bold > 0,
              italic: italic > 0,
              code: false,
              href,
            });
          break;
        case 'code_inline':
          out.push({ kind: 'text', text: c.content, bold: bold > 0, italic: italic > 0, code: true, href });
          break;
        case 'softbreak':
          out.push({ kind: 'text', text: ' ', bold: bold > 0, italic: italic > 0, code: false, href });
          break;
        case 'hardbreak':
          out.push({ kind: 'break' });
          break;
        case 'strong_open':
          bold++;
          break;
        case 'strong_close':
          bold--;
          break;
        case 'em_open':
          italic++;
          break;
        case 'em_close':
          italic--;
          break;
        case 'link_open': {
          const target = String(c.attrGet('href') ?? '');
          href = target.startsWith('/') ? publicUrl + target : target;
          break;
        }
        case 'link_close':
          href = null;
          break;
        case 'checkbox':
          out.push({ kind: 'checkbox', checked: c.meta?.checked === true });
          break;
        case 'blank':
          out.push({ kind: 'blank', length: Number(c.meta?.length ?? 8) });
          break;
      }
    }
    return out;
  };

  /** Blocks until the closing token of type `until` (consumed), or the end. */
  const blocks = (until: string | null): Block[] => {
    const out: Block[] = [];
    while (at < tokens.length) {
      const token = tokens[at] as Token;
      if (until && token.type === until) {
        at++;
        return out;
      }
      switch (token.type) {
        case 'heading_open':
          out.push({ kind: 'heading', level: Number(token.tag.slice(1)), content: inline(tokens[at + 1]) });
          at += 3;
          break;
        case 'paragraph_open':
          out.push({ kind: 'paragraph', content: inline(tokens[at + 1]) });
          at += 3;
          break;
        case 'bullet_list_open':
        case 'ordered_list_open': {
          const ordered = token.type === 'ordered_list_open';
          const start = Number(token.attrGet('start') ?? 1);
          const close = ordered ? 'ordered_list_close' : 'bullet_list_close';
          const items: Block[][] = [];
          at++;
          while (at < tokens.length && tokens[at]?.type !== close) {
            if (tokens[at]?.type === 'list_item_open') {
              at++;
              items.push(blocks('list_item_close'));
            } else at++;
          }
          at++;
          out.push({ kind: 'list', ordered, start, items });
          break;
        }
        case 'table_open':
          at++;
          out.push(table());
          break;
        case 'blockquote_open':
          at++;
          out.push({ kind: 'quote', blocks: blocks('blockquote_close') });
          break;
        case 'fence':
        case 'code_block':
          out.push({ kind: 'code', text: token.content.replace(/\n$/, '') });
          at++;
          break;
        case 'hr':
          out.push({ kind: 'rule' });
          at++;
          break;
        default:
          at++;
      }
    }
    return out;
  };

  const table = (): Block => {
    const header: Inline[][] = [];
    const rows: Inline[][][] = [];
    const align: Align[] = [];
    let row: Inline[][] | null = null;
    let inHead = false;
    while (at < tokens.length) {
      const token = tokens[at] as Token;
      at++;
      if (token.type === 'table_close') break;
      if (token.type === 'thead_open') inHead = true;
      else if (token.type === 'thead_close') inHead = false;
      else if (token.type === 'tr_open') row = [];
      else if (token.type === 'tr_close' && row) {
        if (inHead) header.push(...row);
        else rows.push(row);
        row = null;
      } else if ((token.type === 'th_open' || token.type === 'td_open') && row) {
        if (inHead) {
          const style = /text-align:(left|right|center)/.exec(String(token.attrGet('style') ?? ''))?.[1];
          const cls = /align-(left|right|center)/.exec(String(token.attrGet('class') ?? ''))?.[1];
          align.push((style ?? cls ?? null) as Align);
        }
        row.push(inline(tokens[at]));
        at += 2;
      }
    }
    return { kind: 'table', header, rows, align };
  };

  return blocks(null);
}

/** A cell (or paragraph) that holds nothing but blanks: the cell itself is where to write. */
export const onlyBlanks = (content: Inline[]) =>
  content.length > 0 &&
  content.every((c) => c.kind === 'blank' || (c.kind === 'text' && c.text.trim() === ''));

/** A cell that holds nothing but one tick box. */
export const onlyCheckbox = (content: Inline[]) =>
  content.filter((c) => !(c.kind === 'text' && c.text.trim() === '')).length === 1 &&
  content.some((c) => c.kind === 'checkbox');

export const plainText = (content: Inline[]) =>
  content
    .map((c) =>
      c.kind === 'text' ? c.text : c.kind === 'blank' ? '________' : c.kind === 'checkbox' ? '[ ]' : '\n',
    )
    .join('');
