import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Board } from '@kairos/domain/board';
import type { Opportunity } from '@kairos/domain/opportunities';
import { definitionOfPipeline, type Pipeline } from '@kairos/domain/pipelines';
import { addDepartment, addMember, withWorkspace } from '../../testing/factories';
import type { Caller } from '../../testing/http-client';

const env = withWorkspace();

/** The rollup as it stands, and the same figures recounted from the deals (live deals of live customers). */
async function rollupAndRecount() {
  const db = env.t.core.db;
  const key = (r: Record<string, unknown>) => `${r.stage_id}|${r.owner_key}|${r.department_key}|${r.currency}`;
  const rollup = await sql<Record<string, unknown>>`select stage_id, owner_key, department_key, currency, deal_count, amount_minor, weighted_minor from stage_rollups where deal_count <> 0`.execute(db);
  const recount = await sql<Record<string, unknown>>`
    select o.stage_id, coalesce(o.owner_id, '00000000-0000-0000-0000-000000000000') as owner_key, coalesce(o.department_id, '00000000-0000-0000-0000-000000000000') as department_key, o.currency,
           count(*) as deal_count, sum(o.amount_minor) as amount_minor, sum(round(o.amount_minor * coalesce(o.probability_override, s.probability) / 100.0)) as weighted_minor
    from opportunities o join pipeline_stages s on s.workspace_id = o.workspace_id and s.id = o.stage_id join customers c on c.workspace_id = o.workspace_id and c.id = o.customer_id
    where o.deleted_at is null and c.deleted_at is null
    group by o.stage_id, coalesce(o.owner_id, '00000000-0000-0000-0000-000000000000'), coalesce(o.department_id, '00000000-0000-0000-0000-000000000000'), o.currency`.execute(db);
  const shape = (rows: Record<string, unknown>[]) => Object.fromEntries(rows.map((r) => [key(r), [Number(r.deal_count), Number(r.amount_minor), Number(r.weighted_minor)]]));
  return { rollup: shape(rollup.rows), recount: shape(recount.rows) };
}

/** A small seeded random generator, so a failure can be replayed. */
function random(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
}

describe('the board', () => {
  it('keeps column counts and totals equal to a recount through random moves, edits, handoffs, deletes and restores', async () => {
    const { ws } = env;
    const east = await addDepartment(ws, '华东大区');
    const zhang = await addMember(ws, { role: 'sales', name: '张伟', departmentId: east.id });
    const li = await addMember(ws, { role: 'sales', name: '李娜' });
    const stages = ((await ws.admin.get<{ items: Pipeline[] }>('/api/pipelines')).body.items[0] as Pipeline).stages;
    const customers: { id: string }[] = [];
    for (const name of ['华为技术有限公司', '中兴通讯股份有限公司', '腾讯科技有限公司']) customers.push((await ws.admin.post('/api/customers', { name })).body);
    const deals: Opportunity[] = [];
    for (let i = 0; i < 12; i += 1) {
      const res = await ws.admin.post('/api/opportunities', {
        name: `项目${i}`,
        customerId: customers[i % 3]?.id,
        amount: (i + 1) * 333_33,
        currency: i % 5 === 0 ? 'USD' : 'CNY',
        ownerId: i % 2 ? zhang.user.id : li.user.id,
        stageId: stages[i % 5]?.id,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      deals.push(res.body);
    }
    expect((await rollupAndRecount()).rollup).toEqual((await rollupAndRecount()).recount);

    const next = random(42);
    const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)] as T;
    let applied = 0;
    const ok = (res: { status: number }) => {
      if (res.status < 300) applied += 1;
    };
    for (let step = 0; step < 40; step += 1) {
      const id = pick(deals).id;
      const current = await ws.admin.get<Opportunity>(`/api/opportunities/${id}`);
      const deal = current.body;
      const op = Math.floor(next() * 6);
      if (current.status === 404) {
        // In the recycle bin: bring it back.
        ok(await ws.admin.post(`/api/opportunities/${id}/restore`));
      } else if (op === 0) {
        const stage = pick(stages);
        ok(await ws.admin.post(`/api/opportunities/${deal.id}/move`, { version: deal.version, stageId: stage.id, reason: '调整', lossReason: 'price' }));
      } else if (op === 1) {
        ok(await ws.admin.patch(`/api/opportunities/${deal.id}`, { version: deal.version, amount: Math.floor(next() * 10_000_000), probability: next() < 0.5 ? Math.floor(next() * 100) : null }));
      } else if (op === 2) {
        ok(await ws.admin.post(`/api/opportunities/${deal.id}/transfer`, { version: deal.version, toUserId: deal.ownerId === zhang.user.id ? li.user.id : zhang.user.id }));
      } else if (op === 3) {
        ok(await ws.admin.request('DELETE', `/api/opportunities/${deal.id}`));
      } else if (op === 4) {
        ok(await ws.admin.patch(`/api/opportunities/${deal.id}`, { version: deal.version, currency: deal.currency === 'CNY' ? 'USD' : 'CNY' }));
      } else {
        // A customer in the recycle bin takes its deals off the board until it comes back.
        const customer = pick(customers);
        await ws.admin.request('DELETE', `/api/customers/${customer.id}`);
        const { rollup, recount } = await rollupAndRecount();
        expect(rollup).toEqual(recount);
        ok(await ws.admin.post(`/api/customers/${customer.id}/restore`));
      }
      const { rollup, recount } = await rollupAndRecount();
      expect(rollup, `after step ${step} (op ${op})`).toEqual(recount);
    }
    // Nearly every random change went through (a move into the stage a deal is in already is a no-op).
    expect(applied).toBeGreaterThan(30);
    // A stage's probability changes the weighted totals of the deals in it.
    const pipeline = (await ws.admin.get<{ items: Pipeline[] }>('/api/pipelines')).body.items[0] as Pipeline;
    const definition = definitionOfPipeline(pipeline);
    definition.stages[2]!.probability = 33;
    expect((await ws.admin.request('PUT', `/api/pipelines/${pipeline.id}`, { version: pipeline.version, definition })).status).toBe(200);
    const { rollup, recount } = await rollupAndRecount();
    expect(rollup).toEqual(recount);
  });

  it('shows each member their part: counts, totals per currency, weighted amounts and cards with days in stage and tasks', async () => {
    const { ws } = env;
    const east = await addDepartment(ws, '华东大区');
    const lead = await addMember(ws, { role: 'manager', name: '李经理', departmentId: east.id });
    const zhang = await addMember(ws, { role: 'sales', name: '张伟', departmentId: east.id, managerId: lead.user.id });
    const li = await addMember(ws, { role: 'sales', name: '李娜' });
    const wang = await addMember(ws, { role: 'presales', name: '王工' });
    const stages = ((await ws.admin.get<{ items: Pipeline[] }>('/api/pipelines')).body.items[0] as Pipeline).stages;
    const open = async (caller: Caller, name: string, amount: number, stage: number, extra: Record<string, unknown> = {}) => {
      const customer = (await caller.post('/api/customers', { name: `${name}有限公司` })).body as { id: string };
      return (await caller.post('/api/opportunities', { name, customerId: customer.id, amount, stageId: stages[stage]?.id, ...extra })).body as Opportunity;
    };
    await open(zhang.caller, '张一', 100_000_00, 0);
    await open(zhang.caller, '张二', 300_000_00, 2, { expectedCloseOn: '2027-01-31' });
    const liDeal = await open(li.caller, '李一', 500_000_00, 2, { team: [{ userId: zhang.user.id, role: 'sales', access: 'read' }, { userId: wang.user.id, role: 'presales', access: 'read' }] });
    await open(li.caller, '李二', 700_000_00, 3);

    const boardOf = async (caller: Caller, query = '') => {
      const res = await caller.get<Board>(`/api/board${query}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return Object.fromEntries(res.body.columns.map((c) => [stages.find((s) => s.id === c.stageId)?.nameZh, c]));
    };

    const admin = await boardOf(ws.admin);
    expect(Object.keys(admin)).toEqual(['线索获取', '需求分析', '方案报价', '商务谈判', '合同签署', '赢单', '输单']);
    expect(admin['方案报价']).toMatchObject({ count: 2, totals: [{ currency: 'CNY', amount: 800_000_00, weighted: 400_000_00 }] });
    expect(admin['商务谈判']?.count).toBe(1);

    // 张伟 sees his own two deals and the one he is on the team of.
    const mine = await boardOf(zhang.caller);
    expect(mine['方案报价']).toMatchObject({ count: 2, totals: [{ currency: 'CNY', amount: 800_000_00, weighted: 400_000_00 }] });
    expect(mine['商务谈判']?.count).toBe(0);
    expect(mine['线索获取']?.cards).toEqual([
      expect.objectContaining({ name: '张一', customerName: '张一有限公司', ownerId: zhang.user.id, amount: 100_000_00, daysInStage: 0, stalled: false, tasksDone: 0, tasksTotal: 1, followUpOverdue: false, risk: null }),
    ]);
    // His manager sees the department's; filters narrow the totals too.
    expect((await boardOf(lead.caller))['方案报价']?.count).toBe(1);
    const filtered = await boardOf(ws.admin, `?ownerId=${li.user.id}`);
    expect(filtered['方案报价']).toMatchObject({ count: 1, totals: [{ amount: 500_000_00 }] });
    const byClose = await boardOf(ws.admin, '?closeFrom=2027-01-01&closeTo=2027-01-31');
    expect(byClose['方案报价']?.cards.map((c: { name: string }) => c.name)).toEqual(['张二']);
    expect(byClose['方案报价']?.count).toBe(1);

    // Amounts hidden from presales are absent from cards and totals alike.
    const presales = ws.roles.get('presales')?.id as string;
    expect((await ws.admin.patch('/api/workspace/settings', { fieldRules: { opportunity: { amount: { [presales]: 'hidden' } } } })).status).toBe(200);
    const hidden = await boardOf(wang.caller);
    expect(hidden['方案报价']?.count).toBe(1);
    expect(hidden['方案报价']?.totals).toBeUndefined();
    expect(hidden['方案报价']?.cards[0]).not.toHaveProperty('amount');
    expect(hidden['方案报价']?.cards[0]?.id).toBe(liDeal.id);
  });

  it('pages one column by cursor, bound to its filters', async () => {
    const { ws } = env;
    const stages = ((await ws.admin.get<{ items: Pipeline[] }>('/api/pipelines')).body.items[0] as Pipeline).stages;
    const customer = (await ws.admin.post('/api/customers', { name: '华为技术有限公司' })).body as { id: string };
    for (let i = 0; i < 7; i += 1) await ws.admin.post('/api/opportunities', { name: `项目${i}`, customerId: customer.id, amount: 1000, stageId: stages[1]?.id });
    const board = (await ws.admin.get<Board>('/api/board?perColumn=3')).body;
    const column = board.columns[1];
    expect(column?.cards).toHaveLength(3);
    const seen = new Set(column?.cards.map((c) => c.id));
    let cursor = column?.nextCursor;
    while (cursor) {
      const page = (await ws.admin.get(`/api/board/column?stageId=${stages[1]?.id}&limit=3&cursor=${encodeURIComponent(cursor)}`)).body as { items: { id: string }[]; nextCursor: string | null };
      for (const card of page.items) seen.add(card.id);
      cursor = page.nextCursor;
    }
    expect(seen.size).toBe(7);
    expect((await ws.admin.get(`/api/board/column?stageId=${stages[1]?.id}&tag=x&cursor=${encodeURIComponent(column?.nextCursor ?? '')}`)).status).toBe(400);
  });
});

describe('the board’s queries', () => {
  it('asks the database at most three times for any number of columns', async () => {
    const { ws, t } = env;
    const rep = await addMember(ws, { role: 'sales', name: '张伟' });
    const base = ((await ws.admin.get<{ items: Pipeline[] }>('/api/pipelines')).body.items[0] as Pipeline).stages;
    // A second pipeline with fifteen open stages.
    const many = {
      nameZh: '大项目',
      stages: [
        ...Array.from({ length: 15 }, (_, i) => ({ nameZh: `阶段${i + 1}`, probability: 5 + i * 5, outcome: 'open' })),
        { nameZh: '赢单', probability: 100, outcome: 'won' },
        { nameZh: '输单', probability: 0, outcome: 'lost' },
      ],
    };
    const big = (await ws.admin.post<Pipeline>('/api/pipelines', many)).body;
    const customer = (await rep.caller.post('/api/customers', { name: '华为技术有限公司' })).body as { id: string };
    for (const [i, stage] of big.stages.entries()) await rep.caller.post('/api/opportunities', { name: `项目${i}`, customerId: customer.id, amount: 1000 * (i + 1), pipelineId: big.id, stageId: stage.id });
    await rep.caller.post('/api/opportunities', { name: '默认流程', customerId: customer.id, amount: 1000, stageId: base[0]?.id });

    const statements: string[] = [];
    const original = t.core.db;
    // Counted when a result comes back: once per statement sent, however many builders went into it.
    t.core.db = original.withPlugin({
      transformQuery: (args) => args.node,
      transformResult: async (args) => {
        statements.push(args.queryId.queryId);
        return args.result;
      },
    });
    try {
      for (const [caller, pipelineId] of [[rep.caller, big.id], [ws.admin, big.id], [rep.caller, '']] as const) {
        await caller.get(`/api/board${pipelineId ? `?pipelineId=${pipelineId}` : ''}`); // warms the per-instance caches
        statements.length = 0;
        const res = await caller.get<Board>(`/api/board${pipelineId ? `?pipelineId=${pipelineId}` : ''}`);
        expect(res.status).toBe(200);
        // The session lookup is one; the board itself is at most three (totals, deal-team extras, cards).
        expect(statements.length, statements.join(', ')).toBeLessThanOrEqual(4);
      }
      const res = await rep.caller.get<Board>(`/api/board?pipelineId=${big.id}`);
      expect(res.body.columns).toHaveLength(17);
      expect(res.body.columns.filter((c) => c.count === 1)).toHaveLength(17);
    } finally {
      t.core.db = original;
    }
  });
});
