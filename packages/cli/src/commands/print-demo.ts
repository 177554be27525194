import type { DemoLogin } from '@kairos/server/features/demo/demo.service';

export function printDemoLogins(demo: { workspaceName: string; password: string; logins: DemoLogin[] }, url: string | null) {
  console.log(`\nDemo workspace "${demo.workspaceName}" is ready${url ? ` at ${url}` : ''}.`);
  console.log(`Sign in with any of these e-mails and the password: ${demo.password}\n`);
  for (const login of demo.logins) console.log(`  ${login.role.padEnd(9)} ${login.email.padEnd(34)} ${login.name}  (${login.department})`);
  console.log('');
}
