import type { FastifyReply } from 'fastify';
import { AppError } from '@kairos/domain/errors';
import { minorToDecimal, type ExportColumn } from '@kairos/domain/export';
import type { Opportunity, OpportunityListQuery } from '@kairos/domain/opportunities';
import { listScope } from '@kairos/domain/policy';
import { stageName } from '@kairos/domain/pipelines';
import type { Core, RequestContext } from '../../core';
import { exportFileName, memberNames, sendCsv } from '../../shared/csv-export';
import { changeOf, recordAudit } from '../audit/audit.service';
import { recordShape } from '../custom-fields/record-shape';
import { fieldAccessFor } from '../field-access/field-access.service';
import { listPipelines } from '../pipelines/pipelines.service';
import { listFilterOf, toOpportunity } from './opportunities.service';
import { listOpportunityRows, listTeamRows } from './opportunities.store';

/**
 * Deals as CSV, with the list's filters, limited to what the caller may export (the export permission
 * and its scope, in SQL), custom fields as columns. The export itself is audited.
 */
export async function exportOpportunities(core: Core, ctx: RequestContext, query: OpportunityListQuery, reply: FastifyReply): Promise<FastifyReply> {
  const { actor, locale } = ctx;
  if (!actor.permissions.has('records.export')) throw new AppError('forbidden');
  const [shape, access] = await Promise.all([recordShape(core.db, actor.workspaceId, 'opportunity'), fieldAccessFor(core.db, actor)]);
  const [pipelines, names] = await Promise.all([listPipelines(core.db, actor.workspaceId), memberNames(core.db, actor.workspaceId)]);
  const stages = new Map(pipelines.flatMap((p) => p.stages).map((s) => [s.id, stageName(s, locale)]));
  const columns: ExportColumn<Opportunity>[] = [
    { key: 'name', label: { 'zh-CN': '商机名称', en: 'Opportunity' }, value: (o) => o.name },
    { key: 'customer', label: { 'zh-CN': '客户', en: 'Customer' }, value: (o) => o.customerName },
    { key: 'stage', label: { 'zh-CN': '阶段', en: 'Stage' }, value: (o) => stages.get(o.stageId) },
    { key: 'status', label: { 'zh-CN': '状态', en: 'Status' }, value: (o) => o.status },
    { key: 'amount', label: { 'zh-CN': '金额', en: 'Amount' }, value: (o) => minorToDecimal(o.amount ?? 0, o.currency === 'JPY' ? 0 : 2) },
    { key: 'currency', label: { 'zh-CN': '币种', en: 'Currency' }, value: (o) => o.currency },
    { key: 'probability', label: { 'zh-CN': '赢率 %', en: 'Probability %' }, value: (o) => o.probability },
    { key: 'expectedCloseOn', label: { 'zh-CN': '预计成交日', en: 'Expected close' }, value: (o) => o.expectedCloseOn },
    { key: 'source', label: { 'zh-CN': '来源', en: 'Source' }, value: (o) => o.source },
    { key: 'tags', label: { 'zh-CN': '标签', en: 'Tags' }, value: (o) => o.tags },
    { key: 'owner', label: { 'zh-CN': '负责人', en: 'Owner' }, value: (o) => (o.ownerId ? names.get(o.ownerId) : '') },
    { key: 'team', label: { 'zh-CN': '团队成员', en: 'Deal team' }, value: (o) => o.team.map((t) => names.get(t.userId) ?? '') },
    { key: 'createdAt', label: { 'zh-CN': '创建时间', en: 'Created' }, value: (o) => o.createdAt },
    { key: 'updatedAt', label: { 'zh-CN': '更新时间', en: 'Updated' }, value: (o) => o.updatedAt },
    ...shape.fields.map((f) => ({ key: `custom.${f.key}`, label: { 'zh-CN': f.labelZh, en: f.labelEn }, value: (o: Opportunity) => o.custom[f.key] })),
  ];
  const scope = listScope(actor, 'records.export');
  // Exports never include the recycle bin.
  const filter = { ...listFilterOf(core, query, shape), deleted: false };
  const change = changeOf(core, ctx);
  await recordAudit(core.db, change, { entityType: 'opportunity', entityId: actor.workspaceId, action: 'export', after: { filters: query } });
  async function* pages() {
    let after: { value: string; id: string } | undefined;
    for (;;) {
      const rows = await listOpportunityRows(core.db, actor.workspaceId, scope, { ...filter, after }, { column: 'created_at', direction: 'asc' }, 1000);
      if (rows.length === 0) return;
      const team = await listTeamRows(core.db, actor.workspaceId, rows.map((r) => r.id));
      yield rows.map((r) => toOpportunity(r, team, shape));
      const last = rows[rows.length - 1]!;
      after = { value: last.created_at, id: last.id };
      if (rows.length < 1000) return;
    }
  }
  return sendCsv(reply, exportFileName(locale === 'en' ? 'opportunities' : '商机', core.clock.now()), locale, columns, pages(), access.opportunity.hidden);
}
