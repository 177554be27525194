// Development: the API with reload on :3000 and Vite's dev server (proxying /api to it) on :5173.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const children = [
  spawn('npx', ['tsx', 'watch', '--clear-screen=false', 'packages/cli/src/main.ts', 'serve'], { cwd: root, stdio: 'inherit', env: { ...process.env, KAIROS_DEV: '1' } }),
  spawn('npm', ['run', 'dev', '--workspace', '@kairos/web'], { cwd: root, stdio: 'inherit' }),
];
const stop = () => children.forEach((c) => c.kill('SIGTERM'));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const child of children) child.on('exit', (code) => { stop(); process.exitCode = code ?? 0; });
