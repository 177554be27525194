/**
 * Deal team vocabulary, on its own so pipelines (stage tasks go to a team role) and opportunities can
 * both use it without importing each other.
 */

/** What a colleague does on the deal (团队成员角色). */
export const DEAL_TEAM_ROLES = ['presales', 'technical', 'sales', 'business', 'finance', 'legal', 'other'] as const;
/** Read-only members see the deal; edit members may also change it (not transfer or delete it). */
export const DEAL_TEAM_ACCESS = ['read', 'edit'] as const;
