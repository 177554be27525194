import type { Kysely, Transaction } from 'kysely';
import type { AuditLogTable } from '../features/audit/audit.table';
import type { CustomersTable } from '../features/customers/customer.table';
import type { IdempotencyKeysTable } from '../features/idempotency/idempotency.table';
import type { FollowUpsTable } from '../features/followups/followup.table';
import type { ContactsTable } from '../features/contacts/contact.table';
import type { DealTeamMembersTable, OpportunitiesTable } from '../features/opportunities/opportunity.table';
import type { SearchIndexTable } from '../features/search/search.table';
import type { CustomFieldsTable } from '../features/custom-fields/custom-field.table';
import type { ViewsTable } from '../features/views/view.table';
import type { NotificationsTable } from '../features/notifications/notification.table';
import type { FileBlobsTable, FilesTable } from '../features/files/file.table';
import type { CommentMentionsTable, CommentsTable } from '../features/comments/comment.table';
import type { PipelinesTable, PipelineStagesTable, StageEventsTable } from '../features/pipelines/pipeline.table';
import type { StageRollupsTable } from '../features/board/stage-rollup.table';
import type { DealTasksTable } from '../features/stage-tasks/deal-task.table';
import type { SessionsTable, SignInThrottlesTable } from '../features/auth/session.table';
import type { DepartmentsTable } from '../features/departments/department.table';
import type { InvitationsTable } from '../features/invitations/invitation.table';
import type { RolesTable } from '../features/roles/role.table';
import type { SystemSettingsTable, WorkspacesTable } from '../features/setup/workspace.table';
import type { ApiTokensTable } from '../features/tokens/token.table';
import type { AccountsTable, UserRolesTable, UsersTable } from '../features/users/user.table';

/** Every table, as Kysely sees it. Times are ISO-8601 UTC strings and JSON is text on both engines. */
export interface Database {
  workspaces: WorkspacesTable;
  system_settings: SystemSettingsTable;
  accounts: AccountsTable;
  users: UsersTable;
  user_roles: UserRolesTable;
  departments: DepartmentsTable;
  roles: RolesTable;
  sessions: SessionsTable;
  sign_in_throttles: SignInThrottlesTable;
  api_tokens: ApiTokensTable;
  invitations: InvitationsTable;
  audit_log: AuditLogTable;
  customers: CustomersTable;
  idempotency_keys: IdempotencyKeysTable;
  followups: FollowUpsTable;
  contacts: ContactsTable;
  pipelines: PipelinesTable;
  pipeline_stages: PipelineStagesTable;
  opportunities: OpportunitiesTable;
  deal_team_members: DealTeamMembersTable;
  stage_events: StageEventsTable;
  search_index: SearchIndexTable;
  comments: CommentsTable;
  comment_mentions: CommentMentionsTable;
  custom_fields: CustomFieldsTable;
  views: ViewsTable;
  files: FilesTable;
  file_blobs: FileBlobsTable;
  notifications: NotificationsTable;
  deal_tasks: DealTasksTable;
  stage_rollups: StageRollupsTable;
}

export type Db = Kysely<Database>;
/** Stores take either the database or an open transaction as their first argument. */
export type Executor = Kysely<Database> | Transaction<Database>;
export type Engine = 'sqlite' | 'postgres';
