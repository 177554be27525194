import { describe, expect, it } from 'vitest';
import { webDomain } from '@kairos/domain/duplicates';
import { matchesSearch, type SearchHit } from '@kairos/domain/search';
import type { Customer } from '@kairos/domain/customers';
import type { Contact } from '@kairos/domain/contacts';
import type { Opportunity } from '@kairos/domain/opportunities';
import { addDepartment, addMember, withWorkspace } from '../../testing/factories';
import type { Caller } from '../../testing/http-client';
import { pinyinInitials } from './pinyin';
import { markSearchRebuildPending, rebuildSearchIndex, rebuildSearchIndexIfPending } from './search.index';

const env = withWorkspace();

const BRANDS = ['华为', '腾讯', '阿里', '小米', '京东', '美团', '百度', '网易', '海尔', '银行'];
const KINDS = ['科技', '技术', '网络', '信息', '智能', ''];
const FORMS = ['有限公司', '股份有限公司', ''];
const PEOPLE = ['李娜', '王芳', '张伟', '刘洋', '陈静', '欧阳娜娜', 'Alice Wong', 'Bob'];

/** Every page of a list, as the caller sees it. */
async function everything<T>(caller: Caller, path: string): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const res: { body: { items: T[]; nextCursor: string | null } } = await caller.get(`${path}${path.includes('?') ? '&' : '?'}limit=200${cursor ? `&cursor=${cursor}` : ''}`);
    items.push(...res.body.items);
    cursor = res.body.nextCursor;
  } while (cursor);
  return items;
}

/** The plain scan: what each record the caller can list would match, decided without the index. */
async function corpus(caller: Caller) {
  const customers = await everything<Customer>(caller, '/api/customers');
  const contacts = await everything<Contact>(caller, '/api/contacts');
  const deals = await everything<Opportunity>(caller, '/api/opportunities');
  const initials = (name: string) => pinyinInitials(name);
  return [
    ...customers.map((c) => ({ key: `customer:${c.id}`, name: c.name, values: [c.name, initials(c.name), c.phone ?? '', c.uscc ?? '', c.website ? (webDomain(c.website) ?? '') : '', c.city ?? ''].slice(0, 5) })),
    ...contacts.map((k) => ({ key: `contact:${k.id}`, name: k.name, values: [k.name, initials(k.name), k.mobile ?? '', k.phone ?? '', k.email ?? '', k.wechat ?? ''] })),
    ...deals.map((o) => ({ key: `opportunity:${o.id}`, name: o.name, values: [o.name, initials(o.name)] })),
  ];
}

async function searchAll(caller: Caller, q: string): Promise<string[]> {
  const keys: string[] = [];
  for (const type of ['customer', 'contact', 'opportunity']) {
    const res = await caller.get(`/api/search?q=${encodeURIComponent(q)}&type=${type}&limit=50`);
    expect(res.status, q).toBe(200);
    expect(res.body.items.length, `${q}: raise the limit, the oracle needs every hit`).toBeLessThan(50);
    keys.push(...(res.body.items as SearchHit[]).map((h) => `${h.type}:${h.id}`));
  }
  return keys.sort();
}

async function seed() {
  const { ws } = env;
  const east = await addDepartment(ws, '华东大区');
  const south = await addDepartment(ws, '华南大区');
  const zhang = await addMember(ws, { role: 'sales', name: '张伟', departmentId: east.id });
  const li = await addMember(ws, { role: 'sales', name: '李娜', departmentId: south.id });
  let n = 0;
  for (const [b, brand] of BRANDS.entries()) {
    const owner = b % 2 ? zhang : li;
    const name = `${brand}${KINDS[b % KINDS.length]}${FORMS[b % FORMS.length]}`;
    const customer = (await owner.caller.post('/api/customers', { name, phone: `1380013${String(8000 + b).padStart(4, '0')}`, website: `www.brand${b}.com`, city: '深圳' })).body as Customer;
    const person = PEOPLE[b % PEOPLE.length] as string;
    const contact = await owner.caller.post('/api/contacts', { customerId: customer.id, name: person, mobile: `1390013${String(9000 + b).padStart(4, '0')}`, email: `user${b}@${brand === '华为' ? 'huawei' : 'example'}.com` });
    expect(contact.status).toBe(201);
    await owner.caller.post('/api/opportunities', { name: `${brand}${b % 3 ? '云' : 'Cloud '}扩容项目${++n}`, customerId: customer.id, amount: 100 });
  }
  const solo = await zhang.caller.post('/api/customers', { name: '李娜', type: 'individual' });
  expect(solo.status).toBe(201);
  await li.caller.post('/api/customers', { name: 'ACME Co., Ltd.', phone: '+1 415 555 0100' });
  return { zhang, li, east };
}

function queriesFrom(records: { values: string[] }[]): string[] {
  const queries = new Set<string>(['华', '李娜', '娜', 'hwkj', 'yh', 'acme', 'ACME co', '0013', '138001', 'huawei.com', 'user3@', '%', '_', '"', '华*', '云扩容', 'zz', '欧阳', 'Alice W', '有限公司']);
  for (const r of records) {
    const value = [...(r.values[0] ?? '')];
    for (let len = 1; len <= Math.min(10, value.length); len++) queries.add(value.slice(0, len).join('')).add(value.slice(-len).join(''));
  }
  return [...queries];
}

describe('search', () => {
  it('finds exactly what a plain scan finds, for 1–10 characters of Chinese, Latin and mixed text, inside each caller’s scope', async () => {
    const { zhang, li } = await seed();
    for (const caller of [env.ws.admin, zhang.caller, li.caller]) {
      const records = await corpus(caller);
      const queries = queriesFrom(records);
      for (const q of queries) {
        const expected = records.filter((r) => matchesSearch(r, q)).map((r) => r.key).sort();
        expect(await searchAll(caller, q), q).toEqual(expected);
      }
    }
  });

  it('finds a 2-character Chinese name, pinyin initials and a phone fragment; reveals nothing outside the scope', async () => {
    const { zhang, li } = await seed();
    const hit = (await env.ws.admin.get(`/api/search?q=${encodeURIComponent('李娜')}`)).body.items as SearchHit[];
    expect(hit.map((h) => `${h.type}:${h.title}`).sort()).toEqual(['contact:李娜', 'contact:李娜', 'customer:李娜']);
    expect(((await zhang.caller.get(`/api/search?q=${encodeURIComponent('李娜')}`)).body.items as SearchHit[]).map((h) => h.type)).toEqual(['customer']);
    const initials = (await li.caller.get('/api/search?q=hwkj')).body.items as SearchHit[];
    expect(initials.map((h) => h.title)).toEqual(['华为科技有限公司']);
    // 华为 is 李娜's: 张伟 finds neither the customer, its contact nor its deal.
    expect((await zhang.caller.get(`/api/search?q=${encodeURIComponent('华为')}`)).body.items).toEqual([]);
    const phone = (await li.caller.get('/api/search?q=00138000')).body.items as SearchHit[];
    expect(phone.map((h) => h.type)).toEqual(['customer']);
    const contact = (await li.caller.get('/api/search?q=huawei.com')).body.items as SearchHit[];
    expect(contact).toMatchObject([{ type: 'contact', subtitle: '华为科技有限公司' }]);
    expect((await li.caller.get('/api/search?q=')).status).toBe(422);
  });

  it('keeps the index equal to its records through renames, handoffs, deletes, restores and team seats', async () => {
    const { zhang, li } = await seed();
    const db = env.t.core.db;
    const [customer] = (await li.caller.get(`/api/customers?q=${encodeURIComponent('华为')}`)).body.items as Customer[];
    const renamed = await li.caller.patch(`/api/customers/${customer!.id}`, { version: customer!.version, name: '华为终端有限公司' });
    expect(renamed.status).toBe(200);
    const deal = ((await li.caller.get(`/api/opportunities?customerId=${customer!.id}`)).body.items as Opportunity[])[0]!;
    const family = async (caller: Caller) =>
      [
        ...((await caller.get(`/api/search?q=${encodeURIComponent('终端')}`)).body.items as SearchHit[]),
        ...((await caller.get(`/api/search?q=${encodeURIComponent('华为cloud')}&type=opportunity`)).body.items as SearchHit[]),
        ...((await caller.get('/api/search?q=user0@huawei&type=contact')).body.items as SearchHit[]),
      ].map((h) => `${h.type}:${h.subtitle ?? ''}`);
    // The deal and the contact carry the customer's new name.
    expect(await family(li.caller)).toEqual(['customer:深圳', 'opportunity:华为终端有限公司', 'contact:华为终端有限公司']);
    await li.caller.put(`/api/opportunities/${deal.id}/team/${zhang.user.id}`, { role: 'presales', access: 'read' });
    expect(await family(zhang.caller)).toEqual(['opportunity:华为终端有限公司']);
    const admin = env.ws.admin;
    const current = (await admin.get(`/api/customers/${customer!.id}`)).body as Customer;
    await admin.post(`/api/customers/${customer!.id}/transfer`, { version: current.version, toUserId: zhang.user.id });
    expect(await family(zhang.caller)).toHaveLength(3);
    expect(await family(li.caller)).toEqual([]);
    await admin.delete(`/api/customers/${customer!.id}`);
    expect(await family(admin)).toEqual([]);
    await admin.post(`/api/customers/${customer!.id}/restore`);
    expect(await family(admin)).toHaveLength(3);

    const rows = async () => db.selectFrom('search_index').selectAll().orderBy('entity_type').orderBy('entity_id').execute();
    const live = await rows();
    await db.transaction().execute(async (trx) => {
      await trx.deleteFrom('search_index').execute();
      await rebuildSearchIndex(trx);
    });
    expect(await rows()).toEqual(live);
  });

  it('a department moved under another is found by the new parent’s manager (scope terms follow the tree)', async () => {
    const { east } = await seed();
    const { ws } = env;
    const center = await addDepartment(ws, '销售中心');
    const director = await addMember(ws, { role: 'manager', name: '销售总监', departmentId: center.id });
    const find = async () => ((await director.caller.get(`/api/search?q=${encodeURIComponent('腾讯')}`)).body.items as SearchHit[]).map((h) => h.type).sort();
    expect(await find()).toEqual([]);
    const current = (await ws.admin.get(`/api/departments`)).body.items.find((d: { id: string }) => d.id === east.id);
    const moved = await ws.admin.patch(`/api/departments/${east.id}`, { version: current.version, parentId: center.id });
    expect(moved.status).toBe(200);
    expect(await find()).toEqual(['customer', 'opportunity']);
  });

  it('a rebuild asked for by an upgrade runs once at start-up and catches up with rows written behind the index', async () => {
    const { admin } = env.ws;
    const customer = (await admin.post('/api/customers', { name: '旧名称贸易有限公司' })).body as Customer;
    // An upgrade changed what is indexed: the rows are ahead of their entries.
    await env.t.core.db.updateTable('customers').set({ name: '新名称供应链有限公司' }).where('id', '=', customer.id).execute();
    expect((await admin.get(`/api/search?q=${encodeURIComponent('供应链')}`)).body.items).toEqual([]);
    await markSearchRebuildPending(env.t.core.db);
    expect(await rebuildSearchIndexIfPending(env.t.core.db)).toBe(true);
    expect((await admin.get(`/api/search?q=${encodeURIComponent('供应链')}`)).body.items.map((i: SearchHit) => i.id)).toEqual([customer.id]);
    expect((await admin.get(`/api/search?q=${encodeURIComponent('旧名称')}`)).body.items).toEqual([]);
    // Taken: the next start (or a second instance) has nothing to do.
    expect(await rebuildSearchIndexIfPending(env.t.core.db)).toBe(false);
  });
});
