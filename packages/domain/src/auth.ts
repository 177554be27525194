import { z } from 'zod';
import { EmailSchema, IdSchema, PasswordSchema, TimestampSchema, requiredText } from './common';
import { PermissionSchema, DataScopeSchema } from './roles';
import { LocaleSchema, WorkspaceSchema } from './workspace';

export const LoginRequestSchema = z.object({
  email: EmailSchema,
  password: z.string().min(1).max(200),
});
export type LoginRequest = z.infer<typeof LoginRequestSchema>;

export const ChangePasswordSchema = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: PasswordSchema,
});
export type ChangePassword = z.infer<typeof ChangePasswordSchema>;

/** Who is signed in, what they may do, and the CSRF token the UI sends back on writes. */
export const MeSchema = z.object({
  user: z.object({
    id: IdSchema,
    name: z.string(),
    email: z.string(),
    locale: LocaleSchema,
    departmentId: IdSchema.nullable(),
    roleKeys: z.array(z.string()),
  }),
  workspace: WorkspaceSchema,
  permissions: z.array(PermissionSchema),
  dataScope: DataScopeSchema,
  csrfToken: z.string().nullable(),
});
export type Me = z.infer<typeof MeSchema>;

export const UpdateProfileSchema = z.object({
  name: requiredText(60).optional(),
  locale: LocaleSchema.optional(),
});

export const ApiTokenSchema = z.object({
  id: IdSchema,
  name: z.string(),
  prefix: z.string(),
  createdAt: TimestampSchema,
  expiresAt: TimestampSchema.nullable(),
  lastUsedAt: TimestampSchema.nullable(),
  revokedAt: TimestampSchema.nullable(),
});
export type ApiToken = z.infer<typeof ApiTokenSchema>;

export const CreateApiTokenSchema = z.object({
  name: requiredText(60),
  /** Days until it expires; tokens always expire (at most two years) so a leaked one does not live forever. */
  expiresInDays: z.number().int().min(1).max(730).default(90),
});
export type CreateApiToken = z.infer<typeof CreateApiTokenSchema>;

/** The only time the secret is visible: it is stored hashed. */
export const CreatedApiTokenSchema = ApiTokenSchema.extend({ token: z.string() });
