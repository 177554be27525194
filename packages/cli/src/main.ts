import { parseArgs } from 'node:util';
import { readConfig } from '@kairos/server/config';
import { serveCommand } from './commands/serve';
import { migrateCommand } from './commands/migrate';
import { createUserCommand } from './commands/create-user';
import { createTokenCommand } from './commands/create-token';
import { demoCommand } from './commands/demo';

const HELP = `kairos — opportunity management (商机管理)

Usage:
  kairos serve [--demo]          serve the API and web UI (PORT, default 3000); --demo seeds a demo workspace first
  kairos migrate                 bring the database schema up to date
  kairos user create --email E --name N [--password P] [--admin] [--workspace-name W]
                                 add a member (with --admin, an administrator; creates the workspace if none exists)
  kairos token create --email E [--name N] [--days 90]
                                 create a personal API token for a member and print it once
  kairos demo                    seed the demo workspace into an empty database and print the sign-ins

Configuration comes from environment variables (see README): PORT, HOST, KAIROS_DATA_DIR, DATABASE_URL, …`;

async function main(argv: string[]) {
  const [command, sub, ...rest] = argv;
  const config = readConfig();
  switch (command) {
    case 'serve': {
      const { values } = parseArgs({ args: argv.slice(1), options: { demo: { type: 'boolean', default: false } } });
      return serveCommand(config, { demo: values.demo ?? false });
    }
    case 'migrate':
      return migrateCommand(config);
    case 'user':
      if (sub !== 'create') break;
      return createUserCommand(config, rest);
    case 'token':
      if (sub !== 'create') break;
      return createTokenCommand(config, rest);
    case 'demo':
      return demoCommand(config);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      console.log(HELP);
      return;
  }
  console.error(`Unknown command: ${argv.join(' ')}\n\n${HELP}`);
  process.exitCode = 2;
}

main(process.argv.slice(2)).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
