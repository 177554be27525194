import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import { EmailSchema, PasswordSchema, requiredText } from '@kairos/domain/common';
import type { Config } from '@kairos/server/config';
import { openCore } from '@kairos/server/main';
import { hashPassword } from '@kairos/server/features/auth/password';
import { listRolesOfWorkspace } from '@kairos/server/features/roles/roles.service';
import { createWorkspace, firstWorkspaceId } from '@kairos/server/features/setup/setup.service';
import { insertMember } from '@kairos/server/features/users/users.service';

export async function createUserCommand(config: Config, args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      password: { type: 'string' },
      admin: { type: 'boolean', default: false },
      role: { type: 'string', default: 'sales' },
      'workspace-name': { type: 'string', default: 'Kairos' },
    },
  });
  const email = EmailSchema.safeParse(values.email ?? '');
  const name = requiredText(60).safeParse(values.name ?? values.email?.split('@')[0] ?? '');
  if (!email.success || !name.success) throw new Error('Usage: kairos user create --email you@example.com --name "Your Name" [--password …] [--admin]');
  const generated = !values.password;
  const password = values.password ?? randomBytes(12).toString('base64url');
  if (!PasswordSchema.safeParse(password).success) throw new Error('The password needs at least 8 characters.');

  const { core, close } = await openCore({ ...config, logLevel: 'warn' });
  try {
    const workspaceId = await firstWorkspaceId(core.db);
    if (!workspaceId) {
      if (!values.admin) throw new Error('There is no workspace yet: create its administrator first with --admin.');
      await createWorkspace(core, { workspaceName: values['workspace-name'] ?? 'Kairos', adminName: name.data, email: email.data, password, locale: 'zh-CN' }, { firstRun: true });
    } else {
      const roles = await listRolesOfWorkspace(core.db, workspaceId);
      const roleKey = values.admin ? 'admin' : (values.role ?? 'sales');
      const role = roles.find((r) => r.key === roleKey);
      if (!role) throw new Error(`No role "${roleKey}". Roles: ${roles.map((r) => r.key).join(', ')}`);
      const at = core.clock.now().toISOString();
      await core.db.transaction().execute(async (trx) =>
        insertMember(trx, { workspaceId, actorId: null, requestId: 'cli', at }, { name: name.data, email: email.data, passwordHash: await hashPassword(password), departmentId: null, managerId: null, roleIds: [role.id], locale: 'zh-CN' }),
      );
    }
    console.log(`Created ${values.admin ? 'administrator' : 'member'} ${email.data}${generated ? ` with the password: ${password}` : ''}`);
  } finally {
    await close();
  }
}
