import { parseArgs } from 'node:util';
import { EmailSchema } from '@kairos/domain/common';
import type { Config } from '@kairos/server/config';
import { openCore } from '@kairos/server/main';
import { createToken } from '@kairos/server/features/tokens/tokens.service';
import { findMemberByEmail, loadActor } from '@kairos/server/features/users/users.service';

export async function createTokenCommand(config: Config, args: string[]) {
  const { values } = parseArgs({ args, options: { email: { type: 'string' }, name: { type: 'string', default: 'CLI' }, days: { type: 'string', default: '90' } } });
  const email = EmailSchema.safeParse(values.email ?? '');
  const days = Number(values.days);
  if (!email.success || !Number.isInteger(days) || days < 1 || days > 730) throw new Error('Usage: kairos token create --email member@example.com [--name N] [--days 1-730]');
  const { core, close } = await openCore({ ...config, logLevel: 'warn' });
  try {
    const member = await findMemberByEmail(core.db, email.data);
    const loaded = member && (await loadActor(core.db, member.workspaceId, member.userId));
    if (!loaded) throw new Error(`No active member with the e-mail ${email.data}.`);
    const token = await createToken(core, { actor: loaded.actor, requestId: 'cli', locale: 'en' }, { name: values.name ?? 'CLI', expiresInDays: days });
    console.log(`API token "${token.name}" for ${email.data}, valid until ${token.expiresAt}. It is shown only now:\n\n${token.token}\n`);
    console.log('Use it as: Authorization: Bearer <token>');
  } finally {
    await close();
  }
}
