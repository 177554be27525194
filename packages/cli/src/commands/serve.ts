import type { Config } from '@kairos/server/config';
import { startServer } from '@kairos/server/main';
import { createDemoWorkspace } from '@kairos/server/features/demo/demo.service';
import { printDemoLogins } from './print-demo';

export async function serveCommand(config: Config, options: { demo: boolean }) {
  let demo: Awaited<ReturnType<typeof createDemoWorkspace>> = null;
  const server = await startServer(config, {
    beforeListen: async (core) => {
      if (!options.demo) return;
      demo = await createDemoWorkspace(core);
      if (!demo) console.log('A workspace already exists, so no demo data was added. Use an empty KAIROS_DATA_DIR for a fresh demo.');
    },
  });
  if (demo) printDemoLogins(demo, server.url);
  else console.log(`Kairos is running at ${server.url}`);
}
