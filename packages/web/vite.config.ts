import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Keep the browser's Host header: the API accepts a write only when its Origin matches the Host it sees.
const api = { target: 'http://localhost:3000', changeOrigin: false };

// Vendor code changes far less often than ours: separate chunks keep browser caches warm across releases.
function vendorChunk(id: string): string | undefined {
  if (!id.includes('node_modules')) return undefined;
  if (/node_modules\/(react|react-dom|scheduler|react-router)\//.test(id)) return 'react';
  if (/node_modules\/(antd|@ant-design|@rc-component|rc-[^/]+|dayjs)\//.test(id)) return 'antd';
  return 'vendor';
}

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: { '/api': api, '/healthz': api, '/readyz': api },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1600,
    rollupOptions: {
      output: { manualChunks: vendorChunk },
      // zod ships comments Rollup cannot place; they are harmless and only drown out real warnings.
      onwarn(warning, warn) {
        if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('node_modules')) return;
        warn(warning);
      },
    },
  },
});
