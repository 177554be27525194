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

  it('lists every version with who, when and what changed, and restores an earlier one as a new version', async () => {
    const { ws } = env;
    const rep = await addMember(ws, { role: 'sales', name: '王芳' });
    const p = await defaultPipeline();
    const original = definitionOfPipeline(p);
    const [lead, needs, quote, ...rest] = original.stages;
    // Version 2: a stage renamed, a probability changed, a new stage; version 3: that new stage removed again, 需求分析 removed.
    const second = (await ws.admin.request<Pipeline>('PUT', `/api/pipelines/${p.id}`, {
      version: p.version,
      definition: { ...original, stages: [{ ...lead!, nameZh: '线索' }, needs!, { ...quote!, probability: 55 }, { nameZh: '试用', nameEn: 'Trial', probability: 50, outcome: 'open' }, ...rest] },
    })).body;
    const third = (await ws.admin.request<Pipeline>('PUT', `/api/pipelines/${p.id}`, {
      version: second.version,
      definition: { ...definitionOfPipeline(second), stages: definitionOfPipeline(second).stages.filter((s) => s.nameZh !== '试用' && s.id !== needs?.id) },
    })).body;
    expect(third.stages.map((s) => s.nameZh)).toEqual(['线索', '方案报价', '商务谈判', '合同签署', '赢单', '输单']);

    type Page = { items: { id: string; action: string; actorId: string | null; definition: PipelineDefinition | null; changes: { kind: string; stage?: { nameZh: string } }[] }[]; nextCursor: string | null };
    const page = (await ws.admin.get<Page>(`/api/pipelines/${p.id}/versions?limit=2`)).body;
    expect(page.items.map((v) => v.action)).toEqual(['update', 'update']);
    expect(page.items[0]?.changes).toEqual([{ kind: 'stage_removed', stage: { nameZh: '需求分析', nameEn: 'Needs analysis' } }, { kind: 'stage_removed', stage: { nameZh: '试用', nameEn: 'Trial' } }]);
    expect(page.items[1]?.changes).toEqual([
      { kind: 'stage_renamed', stage: { nameZh: '线索', nameEn: lead?.nameEn } },
      { kind: 'stage_probability', stage: { nameZh: '方案报价', nameEn: quote?.nameEn } },
      { kind: 'stage_added', stage: { nameZh: '试用', nameEn: 'Trial' } },
    ]);
    expect(page.items[0]?.actorId).toBe(ws.adminUser.id);
    const rest2 = (await ws.admin.get<Page>(`/api/pipelines/${p.id}/versions?limit=2&cursor=${encodeURIComponent(page.nextCursor ?? '')}`)).body;
    expect(rest2.items.map((v) => v.action)).toEqual(['create']);
    expect(rest2.items[0]?.changes).toEqual([{ kind: 'created' }]);
    expect(rest2.nextCursor).toBeNull();

    // A rep may neither read the history nor restore; an unknown version is a 404, a stale pipeline version a 409.
    expect((await rep.caller.get(`/api/pipelines/${p.id}/versions`)).status).toBe(403);
    const first = rest2.items[0]!;
    expect((await rep.caller.post(`/api/pipelines/${p.id}/restore`, { versionId: first.id, version: third.version })).status).toBe(403);
    expect((await ws.admin.post(`/api/pipelines/${p.id}/restore`, { versionId: '0190f0a0-0000-7000-8000-000000000000', version: third.version })).status).toBe(404);
    expect((await ws.admin.post(`/api/pipelines/${p.id}/restore`, { versionId: first.id, version: second.version })).status).toBe(409);
    // Another pipeline's version is not one of this pipeline's.
    const renewals = (await ws.admin.post<Pipeline>('/api/pipelines', { ...original, nameZh: '续约', stages: original.stages.map((s) => ({ ...s, id: undefined })) })).body;
    const renewalsFirst = (await ws.admin.get<Page>(`/api/pipelines/${renewals.id}/versions`)).body.items[0]!;
    expect((await ws.admin.post(`/api/pipelines/${p.id}/restore`, { versionId: renewalsFirst.id, version: third.version })).status).toBe(404);

    // Restoring the first version: names and probabilities come back, 需求分析 comes back as a new, empty stage.
    const restored = await ws.admin.post<Pipeline>(`/api/pipelines/${p.id}/restore`, { versionId: first.id, version: third.version });
    expect(restored.status, JSON.stringify(restored.body)).toBe(200);
    expect(restored.body.stages.map((s) => s.nameZh)).toEqual(['线索获取', '需求分析', '方案报价', '商务谈判', '合同签署', '赢单', '输单']);
    expect(restored.body.stages[2]?.probability).toBe(quote?.probability);
    expect(restored.body.stages[0]?.id).toBe(lead?.id);
    expect(restored.body.stages[1]?.id).not.toBe(needs?.id);
    expect(restored.body.stages[1]?.rules).toEqual(needs?.rules);
    const top = (await ws.admin.get<Page>(`/api/pipelines/${p.id}/versions?limit=1`)).body.items[0];
    expect(top?.action).toBe('restore');
    expect(top?.changes.map((c) => c.kind)).toEqual(['restored', 'stage_renamed', 'stage_added', 'stage_probability']);

    // A version without a stage that now holds live deals cannot be restored: the deals would lose their stage.
    const customer = (await rep.caller.post('/api/customers', { name: '比亚迪股份有限公司' })).body as { id: string };
    const inNeeds = await rep.caller.post<Opportunity>('/api/opportunities', { name: '产线改造', customerId: customer.id, stageId: restored.body.stages[1]?.id });
    expect(inNeeds.status, JSON.stringify(inNeeds.body)).toBe(201);
    const refused = await ws.admin.post(`/api/pipelines/${p.id}/restore`, { versionId: page.items[0]!.id, version: restored.body.version });
    expect(refused.status).toBe(422);
    expect(refused.body.stagesWithDeals).toEqual([{ id: restored.body.stages[1]?.id, deals: 1 }]);
  });
});
