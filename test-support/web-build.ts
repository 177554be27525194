import { spawnSync } from 'node:child_process';

/** Browser journeys need the built UI; this builds it only when its sources changed. */
export default function webBuild() {
  const result = spawnSync(process.execPath, ['scripts/ensure-web-build.mjs'], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error('building the web UI failed');
}
