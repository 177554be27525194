import type { Core } from '../../core';
import { insertDepartment } from '../departments/departments.service';
import { hashPassword } from '../auth/password';
import { createWorkspace, isSetupRequired } from '../setup/setup.service';
import { insertMember } from '../users/users.service';

export const DEMO_PASSWORD = 'kairos-demo-2026';
export const DEMO_ADMIN_EMAIL = 'admin@demo.kairos.dev';

export interface DemoLogin {
  email: string;
  name: string;
  role: string;
  department: string;
}

/**
 * A living demo: a mid-sized Chinese software company with a department tree and members of every role,
 * so a newcomer can sign in as a rep, a manager or legal and see what each sees. Later features add
 * their records here. Only on an empty installation; returns null otherwise.
 */
export async function createDemoWorkspace(core: Core): Promise<{ workspaceName: string; password: string; logins: DemoLogin[] } | null> {
  if (!(await isSetupRequired(core.db))) return null;
  const created = await createWorkspace(
    core,
    { workspaceName: '星辰智联科技有限公司', adminName: '周立新', email: DEMO_ADMIN_EMAIL, password: DEMO_PASSWORD, locale: 'zh-CN' },
    { firstRun: true },
  );
  const { change, roleIds } = created;
  const role = (key: string) => [roleIds.get(key) as string];
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  return core.db.transaction().execute(async (trx) => {
    const dept = async (name: string, parent?: { id: string; path: string }, sort = 0) => {
      const d = await insertDepartment(trx, change, { name, parentId: parent?.id ?? null, parentPath: parent?.path ?? null, sort });
      return { id: d.id, path: `${parent?.path ?? '/'}${d.id}/`, name };
    };
    const hq = await dept('总经办', undefined, 0);
    const sales = await dept('销售中心', undefined, 1);
    const east = await dept('华东大区', sales, 0);
    const south = await dept('华南大区', sales, 1);
    const presales = await dept('售前技术部', undefined, 2);
    const legal = await dept('法务部', undefined, 3);
    const finance = await dept('财务部', undefined, 4);

    const logins: DemoLogin[] = [{ email: DEMO_ADMIN_EMAIL, name: '周立新', role: 'admin', department: '—' }];
    const member = async (name: string, email: string, roleKey: string, department: { id: string; name: string }, managerId: string | null = null) => {
      const { user } = await insertMember(trx, change, { name, email, passwordHash, departmentId: department.id, managerId, roleIds: role(roleKey), locale: 'zh-CN' });
      logins.push({ email, name, role: roleKey, department: department.name });
      return user;
    };
    const director = await member('王建国', 'wang.jianguo@demo.kairos.dev', 'manager', sales);
    const eastLead = await member('李娜', 'li.na@demo.kairos.dev', 'manager', east, director.id);
    await member('张伟', 'zhang.wei@demo.kairos.dev', 'sales', east, eastLead.id);
    await member('刘洋', 'liu.yang@demo.kairos.dev', 'sales', east, eastLead.id);
    const southLead = await member('陈静', 'chen.jing@demo.kairos.dev', 'manager', south, director.id);
    await member('黄磊', 'huang.lei@demo.kairos.dev', 'sales', south, southLead.id);
    await member('赵敏', 'zhao.min@demo.kairos.dev', 'presales', presales);
    await member('孙悦', 'sun.yue@demo.kairos.dev', 'legal', legal);
    await member('吴芳', 'wu.fang@demo.kairos.dev', 'finance', finance);
    await member('郑浩', 'zheng.hao@demo.kairos.dev', 'viewer', hq);
    return { workspaceName: created.workspace.name, password: DEMO_PASSWORD, logins };
  });
}
