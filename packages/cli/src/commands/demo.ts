import type { Config } from '@kairos/server/config';
import { openCore } from '@kairos/server/main';
import { createDemoWorkspace } from '@kairos/server/features/demo/demo.service';
import { printDemoLogins } from './print-demo';

export async function demoCommand(config: Config) {
  const { core, close } = await openCore({ ...config, logLevel: 'warn' });
  try {
    const demo = await createDemoWorkspace(core);
    if (!demo) {
      console.error('A workspace already exists here; the demo needs an empty database (set KAIROS_DATA_DIR to a new folder).');
      process.exitCode = 1;
      return;
    }
    printDemoLogins(demo, null);
    console.log('Start the server with: npm start');
  } finally {
    await close();
  }
}
