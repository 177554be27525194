import { describe, expect, it } from 'vitest';
import type { Opportunity } from '@kairos/domain/opportunities';
import { definitionOfPipeline, type Pipeline } from '@kairos/domain/pipelines';
import type { DealTask } from '@kairos/domain/stage-gates';
import { addDepartment, addMember, signIn, withWorkspace } from '../../testing/factories';
import type { Caller } from '../../testing/http-client';

const env = withWorkspace();
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

/** The default pipeline, configured the way a sales director would: no skipping, gates on 商务谈判 and 合同签署. */
async function configuredPipeline() {
  const { ws } = env;
  const pipeline = (await ws.admin.get<{ items: Pipeline[] }>('/api/pipelines')).body.items[0] as Pipeline;
  const managerRole = ws.roles.get('manager')?.id as string;
  const definition = definitionOfPipeline(pipeline);
  definition.rules = { allowSkip: false, backwardNeedsReason: true };
  for (const stage of definition.stages) {
    if (stage.nameZh === '商务谈判') stage.rules.gate = { requiredFields: ['amount', 'expectedCloseOn'], requiredFileCategories: ['quote'], previousTasksDone: true, approval: null };
    if (stage.nameZh === '合同签署') stage.rules.moveRoleIds = [managerRole];
  }
  const saved = await ws.admin.request('PUT', `/api/pipelines/${pipeline.id}`, { version: pipeline.version, definition });
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  return Object.fromEntries((saved.body as Pipeline).stages.map((s) => [s.nameZh, s]));
}

async function people() {
  const { ws } = env;
  const east = await addDepartment(ws, '华东大区');
  const lead = await addMember(ws, { role: 'manager', name: '李经理', departmentId: east.id });
  const zhang = await addMember(ws, { role: 'sales', name: '张伟', departmentId: east.id, managerId: lead.user.id });
  return { lead, zhang, zhangEn: await signIn(ws.app, zhang.email, zhang.password, 'en') };
}

async function dealOf(caller: Caller): Promise<Opportunity> {
  const customer = (await caller.post('/api/customers', { name: '华为技术有限公司' })).body as { id: string };
  const res = await caller.post('/api/opportunities', { name: '华为云扩容', customerId: customer.id });
  expect(res.status).toBe(201);
  return res.body;
}

const move = (caller: Caller, deal: Opportunity, stageId: string | undefined, extra: Record<string, unknown> = {}) => caller.post(`/api/opportunities/${deal.id}/move`, { version: deal.version, stageId, ...extra });

describe('moving a deal through its stage gates', () => {
  it('lists every unmet item at once, in the caller’s language, and one request can fix the fields and move', async () => {
    const stages = await configuredPipeline();
    const { zhang, zhangEn } = await people();
    let deal = await dealOf(zhang.caller);

    // Entering a stage hands out its checklist, dated from today and assigned to the owner.
    let tasks = (await zhang.caller.get<{ items: DealTask[] }>(`/api/opportunities/${deal.id}/tasks`)).body.items;
    expect(tasks).toEqual([expect.objectContaining({ key: 'first-contact', stageId: stages['线索获取']?.id, assigneeId: zhang.user.id, required: true, doneAt: null })]);
    expect(tasks[0]?.dueOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    // No skipping: 线索获取 → 方案报价 names the stage it would skip.
    const skip = await move(zhang.caller, deal, stages['方案报价']?.id);
    expect(skip.status).toBe(422);
    expect(skip.body.unmet).toEqual([{ code: 'skip_not_allowed', skipped: [stages['需求分析']?.id], message: '不能跳过阶段：需求分析' }]);

    deal = (await move(zhang.caller, deal, stages['需求分析']?.id)).body;
    deal = (await move(zhang.caller, deal, stages['方案报价']?.id)).body;
    expect(deal.stageId).toBe(stages['方案报价']?.id);

    // 商务谈判 wants an amount, a close date, a quote file and the 方案报价 tasks done: all four are listed.
    const refused = await move(zhang.caller, deal, stages['商务谈判']?.id);
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('stage_gate_failed');
    expect(refused.body.unmet.map((u: { code: string }) => u.code)).toEqual(['field_required', 'field_required', 'file_required', 'task_open']);
    expect(refused.body.unmet.map((u: { message: string }) => u.message)).toEqual(['请填写「金额」', '请填写「预计成交日期」', '请上传「报价单」', '请先完成节点动作「发送报价单」']);
    expect(refused.body.fields.map((f: { path: string }) => f.path)).toEqual(['values.amount', 'values.expectedCloseOn']);
    const english = await move(zhangEn, deal, stages['商务谈判']?.id);
    expect(english.body.unmet.map((u: { message: string }) => u.message)).toEqual(['Fill in "Amount"', 'Fill in "Expected close date"', 'Upload a "Quote" file', 'Finish the stage task "Send the quote" first']);
    // Nothing moved, nothing changed.
    expect((await zhang.caller.get<Opportunity>(`/api/opportunities/${deal.id}`)).body).toMatchObject({ stageId: stages['方案报价']?.id, version: deal.version });

    // Tick the task, upload the quote, then send the two missing values with the move.
    tasks = (await zhang.caller.get<{ items: DealTask[] }>(`/api/opportunities/${deal.id}/tasks`)).body.items;
    const quoteTask = tasks.find((t) => t.key === 'send-quote') as DealTask;
    expect((await zhang.caller.post(`/api/opportunities/${deal.id}/tasks/${quoteTask.id}`, { done: true })).body).toMatchObject({ doneBy: zhang.user.id });
    expect((await zhang.caller.upload(`/api/files?targetType=opportunity&targetId=${deal.id}&category=quote&name=${encodeURIComponent('报价单.pdf')}`, PDF)).status).toBe(201);
    const moved = await move(zhang.caller, deal, stages['商务谈判']?.id, { values: { amount: 88_000_000, expectedCloseOn: '2027-03-31' } });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    deal = moved.body;
    expect(deal).toMatchObject({ stageId: stages['商务谈判']?.id, amount: 88_000_000, expectedCloseOn: '2027-03-31', version: 4 });

    // The move is one stage event with the time spent in 方案报价; the values are on the same audit entry.
    const events = await env.t.core.db.selectFrom('stage_events').selectAll().where('opportunity_id', '=', deal.id).orderBy('at').orderBy('id').execute();
    expect(events.map((e) => e.to_stage_id)).toEqual([stages['线索获取']?.id, stages['需求分析']?.id, stages['方案报价']?.id, stages['商务谈判']?.id]);
    expect(events.at(-1)?.seconds_in_from).toBeGreaterThanOrEqual(0);
    const audit = await env.t.core.db.selectFrom('audit_log').select(['field', 'action']).where('entity_id', '=', deal.id).where('action', '=', 'move').execute();
    expect(audit.map((a) => a.field)).toEqual(expect.arrayContaining(['stageId', 'amount', 'expectedCloseOn']));
  });

  it('only the roles a stage names may move deals into it; a move back needs a reason; lost needs a loss reason', async () => {
    const stages = await configuredPipeline();
    const { lead, zhang } = await people();
    let deal = await dealOf(zhang.caller);
    deal = (await zhang.caller.request('PATCH', `/api/opportunities/${deal.id}`, { version: deal.version, amount: 1_000_00, expectedCloseOn: '2027-01-31' })).body;
    for (const name of ['需求分析', '方案报价']) deal = (await move(zhang.caller, deal, stages[name]?.id)).body;
    const quoteTask = (await zhang.caller.get<{ items: DealTask[] }>(`/api/opportunities/${deal.id}/tasks`)).body.items.find((t) => t.key === 'send-quote') as DealTask;
    await zhang.caller.post(`/api/opportunities/${deal.id}/tasks/${quoteTask.id}`, { done: true });
    await zhang.caller.upload(`/api/files?targetType=opportunity&targetId=${deal.id}&category=quote&name=q.pdf`, PDF);
    deal = (await move(zhang.caller, deal, stages['商务谈判']?.id)).body;

    // 合同签署 is the manager's to enter.
    const rep = await move(zhang.caller, deal, stages['合同签署']?.id);
    expect(rep.body.unmet).toEqual([expect.objectContaining({ code: 'role_not_allowed' })]);
    const byLead = await move(lead.caller, deal, stages['合同签署']?.id);
    expect(byLead.status, JSON.stringify(byLead.body)).toBe(200);
    deal = byLead.body;

    // Back to 商务谈判: only with a reason, which the stage event keeps.
    expect((await move(zhang.caller, deal, stages['商务谈判']?.id)).body.unmet).toEqual([expect.objectContaining({ code: 'reason_required' })]);
    deal = (await move(zhang.caller, deal, stages['商务谈判']?.id, { reason: '客户要求重新报价' })).body;
    const back = await env.t.core.db.selectFrom('stage_events').select('reason').where('opportunity_id', '=', deal.id).where('to_stage_id', '=', stages['商务谈判']?.id as string).orderBy('at', 'desc').orderBy('id', 'desc').executeTakeFirst();
    expect(back?.reason).toBe('客户要求重新报价');

    // Lost: a reason from the pipeline's list, and the competitor if known.
    expect((await move(zhang.caller, deal, stages['输单']?.id)).body.unmet).toEqual([expect.objectContaining({ code: 'loss_reason_required' })]);
    expect((await move(zhang.caller, deal, stages['输单']?.id, { lossReason: 'weather' })).body.fields).toEqual([expect.objectContaining({ path: 'lossReason' })]);
    const lost = await move(zhang.caller, deal, stages['输单']?.id, { lossReason: 'competitor', competitor: '某友商' });
    expect(lost.body).toMatchObject({ status: 'lost', lossReason: 'competitor', competitor: '某友商' });
  });

  it('tasks: the assignee or an editor ticks them off; a colleague who cannot see the deal gets a 404', async () => {
    await configuredPipeline();
    const { zhang } = await people();
    const stranger = await addMember(env.ws, { role: 'sales', name: '外部门' });
    const deal = await dealOf(zhang.caller);
    const [task] = (await zhang.caller.get<{ items: DealTask[] }>(`/api/opportunities/${deal.id}/tasks`)).body.items;
    expect((await stranger.caller.get(`/api/opportunities/${deal.id}/tasks`)).status).toBe(404);
    expect((await stranger.caller.post(`/api/opportunities/${deal.id}/tasks/${task?.id}`, { done: true })).status).toBe(404);
    expect((await zhang.caller.post(`/api/opportunities/${deal.id}/tasks/${task?.id}`, { done: true })).body.doneAt).not.toBeNull();
    expect((await zhang.caller.post(`/api/opportunities/${deal.id}/tasks/${task?.id}`, { done: false })).body.doneAt).toBeNull();
  });
});

describe('bulk moves', () => {
  it('moves many deals to one stage, each through its own gate, and reports the unmet items of those it stops', async () => {
    const stages = await configuredPipeline();
    const { zhang } = await people();
    const customer = (await zhang.caller.post('/api/customers', { name: '腾讯科技有限公司' })).body as { id: string };
    const open = async (name: string, amount: number) => (await zhang.caller.post('/api/opportunities', { name, customerId: customer.id, amount, expectedCloseOn: '2027-02-28', stageId: stages['方案报价']?.id })).body as Opportunity;
    const ready = await open('已备齐', 100_000_00);
    const missing = await open('缺报价单', 200_000_00);
    const task = (await zhang.caller.get<{ items: DealTask[] }>(`/api/opportunities/${ready.id}/tasks`)).body.items.find((t) => t.key === 'send-quote') as DealTask;
    await zhang.caller.post(`/api/opportunities/${ready.id}/tasks/${task.id}`, { done: true });
    await zhang.caller.upload(`/api/files?targetType=opportunity&targetId=${ready.id}&category=quote&name=q.pdf`, PDF);
    const other = (await env.ws.admin.post<Pipeline>('/api/pipelines', { nameZh: '续约', stages: [{ nameZh: '续约沟通', probability: 50 }, { nameZh: '赢单', probability: 100, outcome: 'won' }, { nameZh: '输单', probability: 0, outcome: 'lost' }] })).body;
    const renewal = (await zhang.caller.post('/api/opportunities', { name: '续约', customerId: customer.id, pipelineId: other.id })).body as Opportunity;

    const res = await zhang.caller.post('/api/opportunities/bulk', { action: 'move', ids: [ready.id, missing.id, renewal.id], stageId: stages['商务谈判']?.id });
    expect(res.status).toBe(200);
    expect(res.body.results).toEqual([
      { id: ready.id, ok: true },
      { id: missing.id, ok: false, code: 'stage_gate_failed', messages: ['请上传「报价单」', '请先完成节点动作「发送报价单」'] },
      { id: renewal.id, ok: false, code: 'wrong_pipeline' },
    ]);
    expect((await zhang.caller.get<Opportunity>(`/api/opportunities/${ready.id}`)).body.stageId).toBe(stages['商务谈判']?.id);
    expect((await zhang.caller.get<Opportunity>(`/api/opportunities/${missing.id}`)).body.stageId).toBe(stages['方案报价']?.id);
  });
});
