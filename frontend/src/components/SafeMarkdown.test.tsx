import { afterEach, describe, expect, it } from 'vitest';

import { render, type Rendered } from '../test/render';
import { safeHref } from '../safeUrl';
import { SafeMarkdown } from './SafeMarkdown';

describe('SafeMarkdown', () => {
  let rendered: Rendered | undefined;

  afterEach(() => {
    rendered?.unmount();
    rendered = undefined;
  });

  async function renderMarkdown(markdown: string): Promise<HTMLElement> {
    rendered = await render(<SafeMarkdown>{markdown}</SafeMarkdown>);
    return rendered.container;
  }

  it('never renders an <img>: a Markdown image shows only its alt text', async () => {
    const container = await renderMarkdown(
      'Before ![tracking pixel](https://evil.example/x.png) after\n\n' +
        '[![linked image](https://evil.example/y.png)](https://example.com)\n\n' +
        '![](https://evil.example/z.png)\n\n' +
        '![ref image][pixel]\n\n[pixel]: https://evil.example/ref.png',
    );

    expect(container.querySelector('img')).toBeNull();
    expect(container.innerHTML).not.toContain('evil.example');
    expect(container.textContent).toContain('[image: tracking pixel]');
    expect(container.textContent).toContain('[image: linked image]');
    expect(container.textContent).toContain('[image]');
    expect(container.textContent).toContain('[image: ref image]');
  });

  it('renders links named in `mentions` as mention chips, and every other link as before', async () => {
    rendered = await render(
      <SafeMarkdown mentions={{ '#m-1': 'Bob Builder' }}>
        {'Thanks [@Bob Builder](#m-1), see [docs](https://example.com) and [forged](#m-2).'}
      </SafeMarkdown>,
    );
    const container = rendered.container;

    const chip = container.querySelector('.mention-chip');
    expect(chip?.textContent).toBe('@Bob Builder');
    expect(chip?.closest('a')).toBeNull();
    expect(Array.from(container.querySelectorAll('a')).map((a) => a.getAttribute('href'))).toEqual(['https://example.com']);
    expect(container.querySelectorAll('.mention-chip')).toHaveLength(1);
    expect(container.textContent).toContain('forged');
  });

  it('keeps raw HTML as visible text', async () => {
    const container = await renderMarkdown(
      'Hello <b>bold</b> and <img src="https://evil.example/raw.png" onerror="alert(1)">\n\n' +
        '<script>alert("x")</script>\n\n' +
        '<iframe src="https://evil.example"></iframe>',
    );

    expect(container.querySelector('b')).toBeNull();
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('script')).toBeNull();
    expect(container.querySelector('iframe')).toBeNull();
    expect(container.textContent).toContain('<b>bold</b>');
    expect(container.textContent).toContain('<script>alert("x")</script>');
    expect(container.textContent).toContain('<img src="https://evil.example/raw.png" onerror="alert(1)">');
  });

  it('opens http(s) and mailto links in a new tab with noopener noreferrer', async () => {
    const container = await renderMarkdown(
      '[docs](https://example.com/docs) [plain](http://example.com) [mail](mailto:team@example.com)',
    );

    const links = Array.from(container.querySelectorAll('a'));
    expect(links.map((a) => a.getAttribute('href'))).toEqual([
      'https://example.com/docs',
      'http://example.com',
      'mailto:team@example.com',
    ]);
    for (const link of links) {
      expect(link.getAttribute('target')).toBe('_blank');
      expect(link.getAttribute('rel')).toBe('noopener noreferrer');
    }
  });

  it('renders other links as plain text', async () => {
    const container = await renderMarkdown(
      '[js](javascript:alert(1)) [data](data:text/html,<b>x</b>) [relative](/secure/admin) [ftp](ftp://example.com)',
    );

    expect(container.querySelector('a')).toBeNull();
    expect(container.textContent).toContain('js');
    expect(container.textContent).toContain('relative');
  });

  it('renders GitHub-flavoured Markdown with headings below the panel headings', async () => {
    const container = await renderMarkdown('# Goal\n\n- [ ] criterion one\n\n| a | b |\n|---|---|\n| 1 | 2 |');

    expect(container.querySelector('h1')).toBeNull();
    expect(container.querySelector('h4')?.textContent).toBe('Goal');
    expect(container.querySelector('table')).not.toBeNull();
    expect(container.querySelector('input[type="checkbox"]')).not.toBeNull();
  });

  it('safeHref accepts only absolute http(s) and mailto URLs', () => {
    expect(safeHref('https://a.example')).toBe('https://a.example');
    expect(safeHref('mailto:x@example.com')).toBe('mailto:x@example.com');
    expect(safeHref('javascript:alert(1)')).toBeUndefined();
    expect(safeHref(' javascript:alert(1)')).toBeUndefined();
    expect(safeHref('/relative')).toBeUndefined();
    expect(safeHref(undefined)).toBeUndefined();
  });
});
