import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/** The renderer: built into dist/renderer with relative asset paths (served by HTTP and by app://). */
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: true,
    rolldownOptions: {
      output: {
        // React and the schema library apart from the app's own code: each chunk stays small, and a
        // change to the app leaves the libraries' files (and their cache) as they were.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            { name: 'zod', test: /node_modules[\\/]zod[\\/]/ },
          ],
        },
      },
    },
  },
});
