import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

import { withBootSkeleton } from './src/bootSkeleton';

/** One html per surface, all at the dist root (see README.md for the module mapping). */
export const ENTRIES = ['index', 'issue-panel', 'issue-glance', 'draft', 'assistant', 'admin'] as const;

export default defineConfig({
  // Relative asset URLs: Forge Custom UI and the backend's /ui/ path (with <base href>) both need them.
  base: './',
  // Every entry gets the same boot skeleton from one source (src/bootSkeleton.ts).
  plugins: [react(), { name: 'boot-skeleton', transformIndexHtml: { order: 'pre', handler: withBootSkeleton } }],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rolldownOptions: {
      input: Object.fromEntries(ENTRIES.map((name) => [name, `${name}.html`])),
      output: {
        codeSplitting: {
          // React is on every page and changes rarely: its own chunk stays cached across deploys.
          // Atlaskit is not grouped: each page takes only the components it uses, and dialogs stay lazy.
          groups: [{ name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 10 }],
        },
      },
    },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test/setup.ts'],
    restoreMocks: true,
  },
});
