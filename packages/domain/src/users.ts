import { z } from 'zod';
import { EmailSchema, IdSchema, ListQuerySchema, PasswordSchema, TimestampSchema, requiredText, text, VersionSchema, QueryFlag } from './common';
import { LocaleSchema } from './workspace';

export const USER_STATUSES = ['active', 'deactivated'] as const;
export const UserStatusSchema = z.enum(USER_STATUSES);

export const UserSchema = z.object({
  id: IdSchema,
  name: z.string(),
  email: z.string(),
  status: UserStatusSchema,
  locale: LocaleSchema,
  departmentId: IdSchema.nullable(),
  managerId: IdSchema.nullable(),
  roleIds: z.array(IdSchema),
  lastSignInAt: TimestampSchema.nullable(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  version: z.number().int(),
});
export type User = z.infer<typeof UserSchema>;

export const CreateUserSchema = z.object({
  name: requiredText(60),
  email: EmailSchema,
  password: PasswordSchema,
  departmentId: IdSchema.nullable().default(null),
  managerId: IdSchema.nullable().default(null),
  roleIds: z.array(IdSchema).min(1).max(20),
  locale: LocaleSchema.default('zh-CN'),
});
export type CreateUser = z.infer<typeof CreateUserSchema>;

export const UpdateUserSchema = z.object({
  version: VersionSchema,
  name: requiredText(60).optional(),
  departmentId: IdSchema.nullable().optional(),
  managerId: IdSchema.nullable().optional(),
  roleIds: z.array(IdSchema).min(1).max(20).optional(),
  status: UserStatusSchema.optional(),
});
export type UpdateUser = z.infer<typeof UpdateUserSchema>;

export const ResetPasswordSchema = z.object({ newPassword: PasswordSchema });

export const UserListQuerySchema = ListQuerySchema.extend({
  q: text(100).optional(),
  departmentId: IdSchema.optional(),
  status: UserStatusSchema.optional(),
});
export type UserListQuery = z.infer<typeof UserListQuerySchema>;

export const InvitationSchema = z.object({
  id: IdSchema,
  email: z.string(),
  roleIds: z.array(IdSchema),
  departmentId: IdSchema.nullable(),
  expiresAt: TimestampSchema,
  acceptedAt: TimestampSchema.nullable(),
  createdAt: TimestampSchema,
});
export type Invitation = z.infer<typeof InvitationSchema>;

export const CreateInvitationSchema = z.object({
  email: EmailSchema,
  roleIds: z.array(IdSchema).min(1).max(20),
  departmentId: IdSchema.nullable().default(null),
  managerId: IdSchema.nullable().default(null),
  expiresInDays: z.number().int().min(1).max(30).default(7),
});
export type CreateInvitation = z.infer<typeof CreateInvitationSchema>;

/** Returned once: the link holds the secret, which is stored hashed. */
export const CreatedInvitationSchema = InvitationSchema.extend({ token: z.string(), url: z.string() });

export const InvitationPreviewSchema = z.object({ email: z.string(), workspaceName: z.string() });

export const AcceptInvitationSchema = z.object({
  name: requiredText(60),
  password: PasswordSchema,
  locale: LocaleSchema.default('zh-CN'),
});

/** What every member may know about colleagues: enough to pick an owner or mention someone. */
export const DirectoryEntrySchema = z.object({
  id: IdSchema,
  name: z.string(),
  departmentId: IdSchema.nullable(),
  status: UserStatusSchema,
});
export type DirectoryEntry = z.infer<typeof DirectoryEntrySchema>;

export const DirectoryQuerySchema = ListQuerySchema.extend({
  q: text(100).optional(),
  includeDeactivated: QueryFlag,
});
export type DirectoryQuery = z.infer<typeof DirectoryQuerySchema>;
