import type { FastifyReply } from 'fastify';
import { normalizeCompanyName } from '@kairos/domain/duplicates';
import { AppError } from '@kairos/domain/errors';
import type { ExportColumn } from '@kairos/domain/export';
import type { Customer, CustomerListQuery } from '@kairos/domain/customers';
import { listScope } from '@kairos/domain/policy';
import type { Core, RequestContext } from '../../core';
import { exportFileName, memberNames, sendCsv } from '../../shared/csv-export';
import { changeOf, recordAudit } from '../audit/audit.service';
import { customCondition } from '../custom-fields/custom-fields.service';
import { recordShape } from '../custom-fields/record-shape';
import { fieldAccessFor } from '../field-access/field-access.service';
import { toCustomer } from './customers.service';
import { listCustomerRows } from './customers.store';

/** Customers as CSV, with the list's filters, within the caller's export scope; the export is audited. */
export async function exportCustomers(core: Core, ctx: RequestContext, query: CustomerListQuery, reply: FastifyReply): Promise<FastifyReply> {
  const { actor, locale } = ctx;
  if (!actor.permissions.has('records.export')) throw new AppError('forbidden');
  const [shape, access] = await Promise.all([recordShape(core.db, actor.workspaceId, 'customer'), fieldAccessFor(core.db, actor)]);
  const names = await memberNames(core.db, actor.workspaceId);
  const custom = customCondition(core.db, 'c.custom', shape.fields, query);
  const text = (key: keyof Customer, zh: string, en: string): ExportColumn<Customer> => ({ key, label: { 'zh-CN': zh, en }, value: (c) => c[key] });
  const columns: ExportColumn<Customer>[] = [
    text('name', '客户名称', 'Customer'),
    text('type', '类型', 'Type'),
    text('uscc', '统一社会信用代码', 'USCC'),
    text('industry', '行业', 'Industry'),
    text('province', '省份', 'Province'),
    text('city', '城市', 'City'),
    text('address', '地址', 'Address'),
    text('website', '网址', 'Website'),
    text('phone', '电话', 'Phone'),
    text('source', '来源', 'Source'),
    text('level', '级别', 'Level'),
    text('status', '状态', 'Status'),
    text('tags', '标签', 'Tags'),
    { key: 'owner', label: { 'zh-CN': '负责人', en: 'Owner' }, value: (c) => (c.ownerId ? names.get(c.ownerId) : '') },
    text('lastFollowUpAt', '最近跟进', 'Last follow-up'),
    text('nextFollowUpOn', '下次跟进', 'Next follow-up'),
    text('createdAt', '创建时间', 'Created'),
    ...shape.fields.map((f) => ({ key: `custom.${f.key}`, label: { 'zh-CN': f.labelZh, en: f.labelEn }, value: (c: Customer) => c.custom[f.key] })),
  ];
  const scope = listScope(actor, 'records.export');
  const filter = {
    namePrefix: query.q ? normalizeCompanyName(query.q) || undefined : undefined,
    ownerId: query.ownerId,
    departmentId: query.departmentId,
    status: query.status,
    level: query.level,
    tag: query.tag,
    custom,
    deleted: false,
  };
  await recordAudit(core.db, changeOf(core, ctx), { entityType: 'customer', entityId: actor.workspaceId, action: 'export', after: { filters: query } });
  async function* pages() {
    let after: { value: string; id: string } | undefined;
    for (;;) {
      const rows = await listCustomerRows(core.db, actor.workspaceId, scope, { ...filter, after }, { column: 'created_at', direction: 'asc' }, 1000);
      if (rows.length === 0) return;
      yield rows.map((r) => toCustomer(r, shape));
      const last = rows[rows.length - 1]!;
      after = { value: last.created_at, id: last.id };
      if (rows.length < 1000) return;
    }
  }
  return sendCsv(reply, exportFileName(locale === 'en' ? 'customers' : '客户', core.clock.now()), locale, columns, pages(), access.customer.hidden);
}
