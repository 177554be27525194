import { describe, expect, it } from 'vitest';
import type { Opportunity } from '@kairos/domain/opportunities';
import { definitionOfPipeline, type Pipeline, type PipelineDefinition } from '@kairos/domain/pipelines';
import { addMember, withWorkspace } from '../../testing/factories';

const env = withWorkspace();

async function defaultPipeline(): Promise<Pipeline> {
  return (await env.ws.admin.get<{ items: Pipeline[] }>('/api/pipelines')).body.items[0] as Pipeline;
}

describe('pipelines', () => {
  it('a new workspace starts with the five stages, their guidance and checklists, won and lost, and the loss reasons', async () => {
    const p = await defaultPipeline();
    expect(p.stages.map((s) => s.nameZh)).toEqual(['线索获取', '需求分析', '方案报价', '商务谈判', '合同签署', '赢单', '输单']);
    expect(p.stages[1]?.rules).toMatchObject({ descriptionZh: expect.stringContaining('需求'), timeLimitDays: 21, tasks: [expect.objectContaining({ key: 'needs-doc', role: 'presales' })] });
    expect(p.lossReasons.map((r) => r.key)).toEqual(expect.arrayContaining(['price', 'competitor', 'no_budget', 'no_decision']));
    expect(p.rules).toEqual({ allowSkip: true, backwardNeedsReason: true });
  });

  it('edits a pipeline with live deals safely: renames, reorders and adds apply; a stage with deals cannot be removed', async () => {
    const { ws } = env;
    const rep = await addMember(ws, { role: 'sales', name: '张伟' });
    const customer = (await rep.caller.post('/api/customers', { name: '华为技术有限公司' })).body as { id: string };
    const deal = (await rep.caller.post('/api/opportunities', { name: '私有云', customerId: customer.id, amount: 500_000_00 })).body as Opportunity;
    const p = await defaultPipeline();
    const def = definitionOfPipeline(p);
    const [lead, needs, ...rest] = def.stages;
    const edited: PipelineDefinition = {
      ...def,
      nameZh: '新客户销售',
      stages: [{ ...lead!, nameZh: '线索' }, { nameZh: '初次拜访', nameEn: 'First visit', probability: 15, outcome: 'open', rules: lead!.rules }, needs!, ...rest],
    };
    const saved = await ws.admin.request<Pipeline>('PUT', `/api/pipelines/${p.id}`, { version: p.version, definition: edited });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.nameZh).toBe('新客户销售');
    expect(saved.body.stages.map((s) => s.nameZh).slice(0, 3)).toEqual(['线索', '初次拜访', '需求分析']);
    // The deal stays where it was: its stage kept its id.
    expect((await rep.caller.get<Opportunity>(`/api/opportunities/${deal.id}`)).body.stageId).toBe(lead?.id);

    // The stage holding the deal cannot go, and a stale version is a 409.
    const without = { ...edited, stages: saved.body.stages.filter((s) => s.id !== lead?.id).map((s) => ({ id: s.id, nameZh: s.nameZh, nameEn: s.nameEn, probability: s.probability, outcome: s.outcome, rules: s.rules })) };
    const removed = await ws.admin.request('PUT', `/api/pipelines/${p.id}`, { version: saved.body.version, definition: without });
    expect(removed.status).toBe(422);
    expect(removed.body.fields).toEqual([{ path: 'definition.stages', code: 'stage_has_deals', message: '「线索」还有 1 个商机，请先把它们移到其他阶段' }]);
    expect(removed.body.stagesWithDeals).toEqual([{ id: lead?.id, deals: 1 }]);
    expect((await ws.admin.request('PUT', `/api/pipelines/${p.id}`, { version: p.version, definition: edited })).status).toBe(409);
    // Outcomes: open stages, then one won and one lost.
    const badOrder = { ...edited, stages: [...edited.stages].reverse() };
    expect((await ws.admin.request('PUT', `/api/pipelines/${p.id}`, { version: saved.body.version, definition: badOrder })).body.fields).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'definition.stages' })]));

    // Reps read pipelines but cannot change them.
    expect((await rep.caller.get('/api/pipelines')).status).toBe(200);
    expect((await rep.caller.request('PUT', `/api/pipelines/${p.id}`, { version: saved.body.version, definition: edited })).status).toBe(403);
  });

  it('exports the whole definition as one document, imports it as a new pipeline, and keeps every version in the audit log', async () => {
    const { ws } = env;
    const p = await defaultPipeline();
    const def = definitionOfPipeline(p);
    def.stages[3] = { ...def.stages[3]!, rules: { ...def.stages[3]!.rules, gate: { requiredFields: ['amount'], requiredFileCategories: ['quote'], previousTasksDone: true, approval: 'discount' } } };
    const saved = (await ws.admin.request<Pipeline>('PUT', `/api/pipelines/${p.id}`, { version: p.version, definition: def })).body;

    const exported = await ws.admin.get(`/api/pipelines/${p.id}/export`);
    expect(exported.status).toBe(200);
    expect(exported.body).toMatchObject({ kind: 'kairos.pipeline', version: saved.version });
    const imported = await ws.admin.post<Pipeline>('/api/pipelines/import', { ...exported.body, definition: { ...exported.body.definition, nameZh: '续约' } });
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    expect(imported.body.isDefault).toBe(false);
    expect(imported.body.stages.map((s) => s.rules)).toEqual(saved.stages.map((s) => s.rules));
    expect(imported.body.stages.some((s) => saved.stages.some((o) => o.id === s.id))).toBe(false);
    expect((await ws.admin.get<{ items: Pipeline[] }>('/api/pipelines')).body.items.map((x) => x.nameZh)).toEqual(['新业务', '续约']);

    // Each save is an audit entry holding the definition before and after: a version can be reviewed or rolled back.
    const audit = (await ws.admin.get(`/api/audit?entityType=pipeline&entityId=${p.id}`)).body.items as { action: string; before: PipelineDefinition | null; after: PipelineDefinition | null }[];
    const update = audit.find((a) => a.action === 'update');
    expect(update?.before?.stages[3]?.rules.gate.requiredFileCategories).toEqual([]);
    expect(update?.after?.stages[3]?.rules.gate).toMatchObject({ requiredFileCategories: ['quote'], approval: 'discount' });
  });
});
