import { DEFAULT_ROLES, type Role } from '@kairos/domain/roles';
import type { Locale } from '@kairos/domain/locale';

/**
 * The display name of a role key from the built-in templates, so pages that only know the signed-in
 * user's role keys (from Me) need not call the admin-only roles endpoint.
 */
export function roleKeyName(key: string, locale: Locale): string {
  return DEFAULT_ROLES.find((r) => r.key === key)?.name[locale] ?? key;
}

export function roleName(role: Pick<Role, 'name'>, locale: Locale): string {
  return role.name[locale] || role.name['zh-CN'] || role.name.en;
}

/** Colours for role tags: stable per key so a role looks the same everywhere. */
const ROLE_COLORS: Record<string, string> = {
  admin: 'geekblue',
  manager: 'purple',
  sales: 'blue',
  presales: 'cyan',
  legal: 'gold',
  finance: 'green',
  viewer: 'default',
};

export function roleColor(key: string): string {
  return ROLE_COLORS[key] ?? 'default';
}
