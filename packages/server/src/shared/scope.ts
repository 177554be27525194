import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { ListScope } from '@kairos/domain/policy';
import type { Database } from '../db/schema';

/**
 * Turns the policy's list scope into a SQL condition, so lists, counts, search and exports filter in the
 * database rather than after fetching. `owner` and `department` name the record's columns;
 * `team`, when given, is a subquery condition "the user is on this record's team".
 */
export function scopeCondition<DB extends Database, TB extends keyof DB & string>(
  eb: ExpressionBuilder<DB, TB>,
  scope: ListScope,
  columns: { workspaceId: string; owner: string; department: string; team?: (userId: string) => Expression<SqlBool> },
): Expression<SqlBool> {
  switch (scope.kind) {
    case 'all':
      return sql<boolean>`1 = 1`;
    case 'none':
      return sql<boolean>`1 = 0`;
    case 'limited': {
      const owner = sql.ref(columns.owner);
      const department = sql.ref(columns.department);
      const clauses: Expression<SqlBool>[] = [];
      if (scope.ownerIds.length) clauses.push(sql<boolean>`${owner} in (${sql.join(scope.ownerIds)})`);
      if (scope.departmentIds.length) clauses.push(sql<boolean>`${department} in (${sql.join(scope.departmentIds)})`);
      if (scope.departmentPathPrefix) {
        clauses.push(
          sql<boolean>`${department} in (select d.id from departments d where d.workspace_id = ${columns.workspaceId} and d.path like ${`${scope.departmentPathPrefix}%`})`,
        );
      }
      if (columns.team) clauses.push(columns.team(scope.teamUserId));
      return clauses.length ? eb.or(clauses) : sql<boolean>`1 = 0`;
    }
  }
}
