import { act, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';

export interface Rendered {
  container: HTMLDivElement;
  root: Root;
  unmount: () => void;
}

/** Renders into a fresh container attached to document.body (portals such as modals land in body too). */
export async function render(node: ReactNode): Promise<Rendered> {
  const container = document.createElement('div');
  document.body.appendChild(container);
  const root = createRoot(container);
  await act(async () => {
    root.render(node);
  });
  return {
    container,
    root,
    unmount: () => {
      act(() => root.unmount());
      container.remove();
    },
  };
}

/** Runs pending promises and timers (a few macrotasks) inside act. */
export async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
  }
}

/** Retries `check` until it stops throwing (or the timeout passes, then its last error is thrown). */
export async function waitFor<T>(check: () => T, timeoutMs = 3000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
    });
  }
}

/** The element with `data-testid`, anywhere in the document; throws when absent. */
export function byTestId<E extends HTMLElement = HTMLElement>(testId: string): E {
  const element = document.querySelector<E>(`[data-testid="${testId}"]`);
  if (!element) throw new Error(`No element with data-testid="${testId}"`);
  return element;
}

export function queryByTestId<E extends HTMLElement = HTMLElement>(testId: string): E | null {
  return document.querySelector<E>(`[data-testid="${testId}"]`);
}

/** Clicks inside act, so React flushes the resulting updates. */
export async function click(element: HTMLElement): Promise<void> {
  await act(async () => {
    element.click();
  });
}

/** Sets a React-controlled input's or textarea's value as typing would. */
export async function type(element: HTMLInputElement | HTMLTextAreaElement, value: string): Promise<void> {
  await act(async () => {
    const proto = element instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
    Object.getOwnPropertyDescriptor(proto, 'value')!.set!.call(element, value);
    element.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

/** Presses a key on `element` (keydown, bubbling, as React listens for it). */
export async function press(element: HTMLElement, key: string, init: KeyboardEventInit = {}): Promise<void> {
  await act(async () => {
    element.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init }));
  });
}

/**
 * The accessible name of an element, as far as these tests need it: `aria-labelledby`, else
 * `aria-label`, else a `<label for>`, else its text (hidden text included, `aria-hidden` text not).
 */
export function accessibleName(element: Element): string {
  const labelledBy = element.getAttribute('aria-labelledby');
  if (labelledBy) {
    return labelledBy
      .split(/\s+/)
      .map((id) => (document.getElementById(id) ? accessibleName(document.getElementById(id)!) : ''))
      .join(' ')
      .trim();
  }
  const label = element.getAttribute('aria-label');
  if (label) return label.trim();
  if (element.id) {
    const forLabel = Array.from(document.querySelectorAll('label')).find((l) => l.htmlFor === element.id);
    if (forLabel) return visibleText(forLabel, true);
  }
  return visibleText(element, true);
}

/** Text an element shows (with `includeHidden`, also its visually hidden text); never `aria-hidden` text. */
export function visibleText(element: Element, includeHidden = false): string {
  return rawText(element, includeHidden).replace(/\s+/g, ' ').trim();
}

function rawText(element: Element, includeHidden: boolean): string {
  let text = '';
  element.childNodes.forEach((node) => {
    if (node.nodeType === Node.TEXT_NODE) text += node.textContent;
    else if (node instanceof Element && node.getAttribute('aria-hidden') !== 'true') {
      if (!includeHidden && node.classList.contains('chat-visually-hidden')) return;
      text += rawText(node, includeHidden);
    }
  });
  return text;
}

/** The button whose accessible name is `name` (exactly, or matching the pattern), anywhere in `within`. */
export function buttonNamed(name: string | RegExp, within: ParentNode = document): HTMLButtonElement {
  const buttons = Array.from(within.querySelectorAll<HTMLButtonElement>('button'));
  const found = buttons.find((b) => (typeof name === 'string' ? accessibleName(b) === name : name.test(accessibleName(b))));
  if (!found) throw new Error(`No button named ${String(name)} among: ${buttons.map((b) => JSON.stringify(accessibleName(b))).join(', ')}`);
  return found;
}

/** Every button's accessible name contains the text it shows (WCAG 2.5.3, label in name). */
export function expectLabelInName(within: ParentNode = document): void {
  for (const button of Array.from(within.querySelectorAll('button'))) {
    const shown = visibleText(button);
    const name = accessibleName(button);
    if (name === '') throw new Error(`A button has no accessible name: ${button.outerHTML.slice(0, 200)}`);
    if (shown !== '' && !name.toLowerCase().includes(shown.toLowerCase())) {
      throw new Error(`Button shows "${shown}" but is named "${name}"`);
    }
  }
}
