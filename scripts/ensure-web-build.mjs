// Builds the web UI when its bundle is missing or older than its sources, so `npm start` on a fresh
// clone serves the whole product without a separate build step, and restarts stay fast.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const output = join(root, 'packages/web/dist/index.html');
const sources = ['packages/web/src', 'packages/web/index.html', 'packages/web/vite.config.ts', 'packages/domain/src'].map((p) => join(root, p));

function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newest(join(path, name))), stat.mtimeMs);
}

const built = existsSync(output) ? statSync(output).mtimeMs : 0;
const changed = Math.max(...sources.map(newest));
if (built >= changed && process.env.KAIROS_FORCE_BUILD !== '1') process.exit(0);

console.log(built ? 'Web UI sources changed; rebuilding…' : 'Building the web UI (first start only)…');
const result = spawnSync('npm', ['run', 'build', '--workspace', '@kairos/web'], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
