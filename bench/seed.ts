import { sql } from 'kysely';
import { normalizeCompanyName } from '../packages/domain/src/duplicates';
import { nameKey } from '../packages/domain/src/opportunities';
import { DEFAULT_PIPELINE } from '../packages/domain/src/pipelines';
import type { Core } from '../packages/server/src/core';
import { createWorkspace } from '../packages/server/src/features/setup/setup.service';
import { insertMember } from '../packages/server/src/features/users/users.service';
import { hashPassword } from '../packages/server/src/features/auth/password';
import { insertDepartment } from '../packages/server/src/features/departments/departments.service';
import { insertEntries, searchSource, type SearchSource } from '../packages/server/src/features/search/search.index';
import { newId } from '../packages/server/src/ids';
import { recountRollups } from '../packages/server/src/features/board/stage-rollups.store';

export const REGIONS = ['华东', '华南', '华北', '华中', '西南', '西北', '东北', '港澳', '海外', '渠道'];
const WORDS = ['云杉', '青禾', '恒远', '博雅', '海港', '星火', '锦程', '前海', '越秀', '鹭岛', '瓯江', '松湖', '华信', '中科', '天成', '鼎盛', '长风', '明德', '金桥', '远航'];
const TRADES = ['数据科技', '智能制造', '精密机械', '教育咨询', '物流', '新能源', '医疗器械', '金融服务', '食品', '电子商务'];
const PRODUCTS = ['私有云扩容', '数据中台', '年度维保', '智能工厂改造', '安全合规咨询', 'CRM 实施', '视频会议升级', '边缘计算试点'];

export const customerName = (i: number) => `${WORDS[i % WORDS.length]}${WORDS[Math.floor(i / 20) % WORDS.length]}${TRADES[Math.floor(i / 400) % TRADES.length]}${i}有限公司`;

/**
 * A benchmark workspace written straight through the stores (the API would take hours for a million
 * rows): an admin, 10 regional managers and 50 reps (password `bench-password`), `customers` customers
 * and `deals` deals spread over the reps, every stage of the default pipeline, and their search entries.
 */
export async function seedBenchWorkspace(core: Core, counts: { customers: number; deals: number; search: boolean }) {
  const t0 = Date.now();
  // A bulk load touches index pages all over a multi-gigabyte file; with the server's page cache it
  // thrashes (a 1M seed took over 20 minutes). The machine has the memory, so this connection may use it.
  if (core.engine === 'sqlite') await sql`pragma cache_size = -4000000`.execute(core.db);
  const { workspace, roleIds, change } = await createWorkspace(core, { workspaceName: '基准测试公司', adminName: '管理员', email: 'bench@example.cn', password: 'bench-password', locale: 'zh-CN' }, { firstRun: true });
  const hash = await hashPassword('bench-password');
  const reps: { id: string; departmentId: string; path: string }[] = [];
  await core.db.transaction().execute(async (trx) => {
    const sales = await insertDepartment(trx, change, { name: '销售中心', parentId: null, parentPath: null });
    for (const [r, region] of REGIONS.entries()) {
      const dept = await insertDepartment(trx, change, { name: `${region}大区`, parentId: sales.id, parentPath: `/${sales.id}/` });
      await insertMember(trx, change, { name: `${region}经理`, email: `manager${r}@example.cn`, passwordHash: hash, departmentId: dept.id, managerId: null, roleIds: [roleIds.get('manager') as string], locale: 'zh-CN' });
      for (let i = 0; i < 5; i += 1) {
        const { user } = await insertMember(trx, change, { name: `${region}销售${i}`, email: `rep${r}_${i}@example.cn`, passwordHash: hash, departmentId: dept.id, managerId: null, roleIds: [roleIds.get('sales') as string], locale: 'zh-CN' });
        reps.push({ id: user.id, departmentId: dept.id, path: `/${sales.id}/${dept.id}/` });
      }
    }
  });
  const stages = await core.db.selectFrom('pipeline_stages').selectAll().where('workspace_id', '=', workspace.id).orderBy('position').execute();
  const base = Date.parse('2024-01-01T00:00:00Z');
  const customerIds: string[] = [];
  const ownerOf = (i: number) => reps[i % reps.length]!;

  const batches = async (total: number, make: (i: number) => Promise<void> | void, flush: () => Promise<void>) => {
    for (let start = 0; start < total; start += 5000) {
      for (let i = start; i < Math.min(start + 5000, total); i += 1) await make(i);
      await flush();
    }
  };

  let customers: Record<string, unknown>[] = [];
  let sources: SearchSource[] = [];
  const flushSearch = async (trx: Core['db']) => {
    if (counts.search && sources.length) await insertEntries(trx, sources);
    sources = [];
  };
  const source = (type: 'customer' | 'opportunity', id: string, customerId: string, title: string, subtitle: string | null, owner: (typeof reps)[number], others: string[]) =>
    searchSource(workspace.id, type, id, customerId, title, subtitle, { owner_id: owner.id, department_id: owner.departmentId, department_path: owner.path }, others);

  await batches(
    counts.customers,
    (i) => {
      const owner = ownerOf(i);
      const name = customerName(i);
      const at = new Date(base + i * 60_000).toISOString();
      const id = newId();
      customerIds.push(id);
      const phone = `139${String(i).padStart(8, '0')}`;
      customers.push({
        workspace_id: workspace.id, id, name, type: 'company', uscc: null, industry: null, province: null, city: null, address: null, website: null,
        phone, source: null, level: ['A', 'B', 'C', 'D'][i % 4] ?? null, status: i % 3 ? 'prospect' : 'active', tags: i % 7 ? '[]' : '["重点"]',
        owner_id: owner.id, department_id: owner.departmentId, name_key: normalizeCompanyName(name), domain_key: null, last_follow_up_at: null, next_follow_up_on: null,
        created_by: owner.id, created_at: at, updated_at: at, version: 1, deleted_at: null,
      });
      sources.push(source('customer', id, id, name, null, owner, [phone]));
    },
    async () => {
      await core.db.transaction().execute(async (trx) => {
        for (let b = 0; b < customers.length; b += 500) await trx.insertInto('customers').values(customers.slice(b, b + 500) as never).execute();
        await flushSearch(trx);
      });
      customers = [];
    },
  );
  console.log(`  seeded ${counts.customers.toLocaleString('en')} customers in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  const t1 = Date.now();
  let deals: Record<string, unknown>[] = [];
  let events: Record<string, unknown>[] = [];
  await batches(
    counts.deals,
    (i) => {
      const c = i % counts.customers;
      const owner = ownerOf(c);
      const stage = stages[i % stages.length]!;
      const name = `${customerName(c).slice(0, 4)}${PRODUCTS[i % PRODUCTS.length]}项目${i}`;
      const at = new Date(base + i * 30_000).toISOString();
      const id = newId();
      const amount = ((i * 7919) % 5_000_000) * 100;
      deals.push({
        workspace_id: workspace.id, id, name, name_key: nameKey(name), customer_id: customerIds[c], contact_id: null, pipeline_id: stage.pipeline_id, stage_id: stage.id,
        status: stage.outcome, amount_minor: amount, currency: 'CNY', probability_override: null, expected_close_on: `2027-${String((i % 12) + 1).padStart(2, '0')}-15`,
        source: null, tags: i % 9 ? '[]' : '["年底冲刺"]', owner_id: owner.id, department_id: owner.departmentId, stage_entered_at: at, closed_at: stage.outcome === 'open' ? null : at,
        last_follow_up_at: null, next_follow_up_on: null, created_by: owner.id, created_at: at, updated_at: at, version: 1, deleted_at: null,
      });
      events.push({ workspace_id: workspace.id, id: newId(), opportunity_id: id, pipeline_id: stage.pipeline_id, from_stage_id: null, to_stage_id: stage.id, actor_id: owner.id, at, seconds_in_from: null, amount_minor: amount });
      sources.push(source('opportunity', id, customerIds[c]!, name, customerName(c), owner, []));
    },
    async () => {
      await core.db.transaction().execute(async (trx) => {
        for (let b = 0; b < deals.length; b += 500) {
          await trx.insertInto('opportunities').values(deals.slice(b, b + 500) as never).execute();
          await trx.insertInto('stage_events').values(events.slice(b, b + 500) as never).execute();
        }
        await flushSearch(trx);
      });
      deals = [];
      events = [];
    },
  );
  // The board's rollup, as a bulk load must leave it (the API keeps it per change).
  await recountRollups(core.db, workspace.id);
  // PostgreSQL: also merge the GIN pending list, as autovacuum would soon after a bulk load.
  await sql.raw(core.engine === 'postgres' ? 'vacuum analyze' : 'analyze').execute(core.db);
  console.log(`  seeded ${counts.deals.toLocaleString('en')} deals over ${DEFAULT_PIPELINE.stages.length} stages${counts.search ? ' with search entries' : ''} in ${((Date.now() - t1) / 1000).toFixed(1)} s`);
  return { workspaceId: workspace.id, reps };
}
