import '@atlaskit/css-reset';
import './app.css';

import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';

import { enableTheme } from './theme';

/** Mounts a surface into `#root`; each `src/entries/*.tsx` is a one-line call to this. */
export function mount(node: ReactNode): void {
  const container = document.getElementById('root');
  if (!container) {
    throw new Error('Missing #root element');
  }
  void enableTheme();
  createRoot(container).render(<StrictMode>{node}</StrictMode>);
}
