import { describe, expect, it } from 'vitest';
import { addDepartment, addMember, withWorkspace } from '../../testing/factories';

const env = withWorkspace();

/** Parses our CSV (quoted cells, doubled quotes, CRLF) back into rows. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const endCell = () => {
    row.push(cell);
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') endCell();
    else if (ch === '\r' && text[i + 1] === '\n') {
      endCell();
      rows.push(row);
      row = [];
      i++;
    } else cell += ch;
  }
  return rows;
}

describe('exporting deals and customers', () => {
  it('streams the caller’s export scope as CSV with exact amounts, custom columns and neutralised formulas', async () => {
    const { ws } = env;
    const east = await addDepartment(ws, '华东大区');
    const south = await addDepartment(ws, '华南大区');
    const lead = await addMember(ws, { role: 'manager', name: '李经理', departmentId: east.id });
    const zhang = await addMember(ws, { role: 'sales', name: '张伟', departmentId: east.id });
    const li = await addMember(ws, { role: 'sales', name: '李娜', departmentId: south.id });
    await ws.admin.post('/api/fields', { entity: 'opportunity', key: 'tender_no', labelZh: '招标编号', labelEn: 'Tender no.', type: 'text' });
    const mine = (await zhang.caller.post('/api/customers', { name: '=HYPERLINK("http://evil","华为")' })).body;
    await zhang.caller.post('/api/opportunities', { name: '云扩容', customerId: mine.id, amount: 12_800_050, custom: { tender_no: 'ZB-118' } });
    const hers = (await li.caller.post('/api/customers', { name: '小米科技' })).body;
    await li.caller.post('/api/opportunities', { name: '手机项目', customerId: hers.id, amount: 100 });

    expect((await zhang.caller.get('/api/opportunities/export')).status).toBe(403);
    const res = await lead.caller.get('/api/opportunities/export');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    const text = res.raw.body;
    expect(text.startsWith('\uFEFF')).toBe(true);
    const [header, ...rows] = parseCsv(text.slice(1));
    expect(header).toEqual(['商机名称', '客户', '阶段', '状态', '金额', '币种', '赢率 %', '预计成交日', '来源', '标签', '负责人', '团队成员', '创建时间', '更新时间', '招标编号']);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.slice(0, 5)).toEqual(['云扩容', `'=HYPERLINK("http://evil","华为")`, '线索获取', 'open', '128000.50']);
    expect(rows[0]?.[10]).toBe('张伟');
    expect(rows[0]?.[14]).toBe('ZB-118');

    lead.caller.locale = 'en';
    const customers = parseCsv((await lead.caller.get('/api/customers/export')).raw.body.slice(1));
    expect(customers[0]?.slice(0, 3)).toEqual(['Customer', 'Type', 'USCC']);
    expect(customers.slice(1).map((r) => r[0])).toEqual([`'=HYPERLINK("http://evil","华为")`]);
    const all = parseCsv((await ws.admin.get('/api/opportunities/export?amountMax=1000')).raw.body.slice(1));
    expect(all.slice(1).map((r) => r[0])).toEqual(['手机项目']);
    const audited = await env.t.core.db.selectFrom('audit_log').select(['action', 'actor_id']).where('action', '=', 'export').execute();
    expect(audited).toHaveLength(3);
  });
});
