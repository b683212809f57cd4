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
