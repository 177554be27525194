import { describe, expect, it } from 'vitest';
import type { StoredFile } from '@kairos/domain/files';
import type { TimelineItem } from '@kairos/domain/timeline';
import { addDepartment, addMember, withWorkspace } from '../../testing/factories';

const env = withWorkspace();

/** A minimal valid PDF and PNG: enough for the type sniffer, which reads their signatures. */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]);
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);

async function team() {
  const { ws } = env;
  const east = await addDepartment(ws, '华东大区');
  const south = await addDepartment(ws, '华南大区');
  const zhang = await addMember(ws, { role: 'sales', name: '张伟', departmentId: east.id });
  const li = await addMember(ws, { role: 'sales', name: '李娜', departmentId: south.id });
  const customer = (await zhang.caller.post('/api/customers', { name: '华为技术有限公司' })).body;
  const deal = (await zhang.caller.post('/api/opportunities', { name: '云扩容', customerId: customer.id })).body;
  return { zhang, li, customer, deal };
}

const url = (q: Record<string, string>) => `/api/files?${new URLSearchParams(q).toString()}`;

describe('files', () => {
  it('attaches a quote to a deal, lists it, shows it on both timelines and serves the same bytes back', async () => {
    const { zhang, customer, deal } = await team();
    const res = await zhang.caller.upload(url({ targetType: 'opportunity', targetId: deal.id, category: 'quote', name: '华为云扩容报价单 v2.pdf' }), PDF);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const file = res.body as StoredFile;
    expect(file).toMatchObject({ category: 'quote', mime: 'application/pdf', size: PDF.length, previewable: true, customerId: customer.id });
    expect((await zhang.caller.get(url({ targetType: 'opportunity', targetId: deal.id }))).body.items.map((f: StoredFile) => f.id)).toEqual([file.id]);
    expect((await zhang.caller.get(url({ targetType: 'customer', targetId: customer.id, category: 'quote' }))).body.items).toHaveLength(1);
    for (const path of [`/api/opportunities/${deal.id}`, `/api/customers/${customer.id}`]) {
      const items = (await zhang.caller.get(`${path}/timeline?kind=file`)).body.items as TimelineItem[];
      expect(items.map((i) => i.kind)).toEqual(['file']);
    }
    const download = await zhang.caller.get(`/api/files/${file.id}/content`);
    expect(download.status).toBe(200);
    expect(download.raw.rawPayload.equals(PDF)).toBe(true);
    expect(download.headers['content-disposition']).toBe(`attachment; filename*=UTF-8''${encodeURIComponent('华为云扩容报价单 v2.pdf')}`);
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect((await zhang.caller.get(`/api/files/${file.id}/content?inline=true`)).headers['content-disposition']).toMatch(/^inline;/);
  });

  it('refuses files of other types, renamed executables, empty and oversized ones, unknown categories — and strangers', async () => {
    const { zhang, li, deal } = await team();
    zhang.caller.locale = 'en';
    const fail = async (name: string, bytes: Buffer, category = 'quote') => (await zhang.caller.upload(url({ targetType: 'opportunity', targetId: deal.id, category, name }), bytes)).body;
    expect((await fail('setup.exe', EXE)).fields).toMatchObject([{ path: 'file', code: 'file_type' }]);
    expect((await fail('报价单.pdf', EXE)).fields).toMatchObject([{ path: 'file', code: 'file_content', message: 'The file content does not match its extension' }]);
    expect((await fail('notes.txt', PNG)).fields).toMatchObject([{ code: 'file_content' }]);
    expect((await fail('empty.pdf', Buffer.alloc(0))).fields).toMatchObject([{ code: 'empty' }]);
    expect((await fail('a.pdf', PDF, 'bribes')).fields).toMatchObject([{ path: 'category', code: 'unknown_category' }]);
    const huge = await zhang.caller.upload(url({ targetType: 'opportunity', targetId: deal.id, category: 'quote', name: 'big.pdf' }), Buffer.concat([PDF, Buffer.alloc(env.t.core.config.fileMaxBytes)]));
    expect(huge.status).toBe(413);
    expect(await env.t.core.db.selectFrom('files').select('id').execute()).toEqual([]);

    const ok = (await zhang.caller.upload(url({ targetType: 'opportunity', targetId: deal.id, category: 'other', name: '会议纪要.txt' }), Buffer.from('客户要求 8 周内上线\n'))).body as StoredFile;
    expect(ok.mime).toBe('text/plain; charset=utf-8');
    expect((await li.caller.get(`/api/files/${ok.id}/content`)).status).toBe(404);
    expect((await li.caller.upload(url({ targetType: 'opportunity', targetId: deal.id, category: 'quote', name: 'x.pdf' }), PDF)).status).toBe(404);
    expect((await li.caller.delete(`/api/files/${ok.id}`)).status).toBe(404);
    expect((await zhang.caller.delete(`/api/files/${ok.id}`)).status).toBe(204);
    expect((await zhang.caller.get(`/api/files/${ok.id}/content`)).status).toBe(404);
  });
});
