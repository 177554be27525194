import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { User } from '@kairos/domain/users';
import { buildApp } from '../../app';
import { signIn } from '../../testing/factories';
import { openTestCore, type TestCore } from '../../testing/test-core';
import { createDemoWorkspace, DEMO_ADMIN_EMAIL, DEMO_PASSWORD } from './demo.service';

let t: TestCore;
beforeEach(async () => {
  t = await openTestCore();
});
afterEach(async () => {
  await t.close();
});

describe('demo workspace', () => {
  it('seeds a company with a department tree and a member of every role, each able to sign in', async () => {
    const demo = await createDemoWorkspace(t.core);
    expect(demo?.logins.map((l) => l.role).sort()).toEqual(
      expect.arrayContaining(['admin', 'manager', 'sales', 'presales', 'legal', 'finance', 'viewer']),
    );
    const app = await buildApp(t.core, { serveWeb: false });
    try {
      const admin = await signIn(app, DEMO_ADMIN_EMAIL, DEMO_PASSWORD);
      expect((await admin.get('/api/departments')).body.items.length).toBeGreaterThanOrEqual(7);
      const rep = await signIn(app, 'zhang.wei@demo.kairos.dev', DEMO_PASSWORD);
      expect(((await rep.get('/api/users')).body.items as User[]).map((u) => u.name)).toEqual(['张伟']);
      const customers = (await rep.get('/api/customers')).body.items;
      expect(customers.length).toBe(4);
      expect(customers.every((c: { ownerId: string }) => c.ownerId === customers[0].ownerId)).toBe(true);
      const timeline = (await rep.get(`/api/customers/${customers[0].id}/timeline?kind=followup`)).body.items;
      expect(timeline.length).toBeGreaterThan(0);
      expect((await admin.get('/api/customers?limit=200')).body.items.length).toBe(12);
      expect((await rep.get(`/api/contacts?customerId=${customers[0].id}`)).body.items.length).toBeGreaterThan(0);
      const deals = (await rep.get('/api/opportunities')).body.items as { id: string; status: string; team: unknown[] }[];
      expect(deals.length).toBe(8);
      const everyDeal = (await admin.get('/api/opportunities?limit=200')).body.items as { status: string }[];
      expect(new Set(everyDeal.map((d) => d.status))).toEqual(new Set(['open', 'won', 'lost']));
      // A configured process: gates on the pipeline, and deals in every stage of it that passed them.
      const pipeline = (await admin.get('/api/pipelines')).body.items[0] as { rules: { allowSkip: boolean }; stages: { id: string; nameZh: string; rules: { gate: { requiredFileCategories: string[] } } }[] };
      expect(pipeline.rules.allowSkip).toBe(false);
      expect(pipeline.stages.find((s) => s.nameZh === '商务谈判')?.rules.gate.requiredFileCategories).toEqual(['quote']);
      const board = (await admin.get('/api/board')).body as { columns: { stageId: string; count: number }[] };
      expect(board.columns.every((c) => c.count > 0)).toBe(true);
      const doneTasks = await t.core.db.selectFrom('deal_tasks').select('id').where('done_at', 'is not', null).execute();
      expect(doneTasks.length).toBeGreaterThan(10);
      const events = await t.core.db.selectFrom('stage_events').select(['opportunity_id', 'seconds_in_from']).execute();
      expect(events.filter((e) => e.seconds_in_from !== null).every((e) => (e.seconds_in_from ?? 0) >= 4 * 86_400)).toBe(true);
      const presales = await signIn(app, 'zhao.min@demo.kairos.dev', DEMO_PASSWORD);
      expect((await presales.get('/api/comments?mentionsMe=true')).body.items.length).toBe(1);
      const quoted = (await t.core.db.selectFrom('files').select(['name', 'category']).execute()).filter((f) => f.category === 'quote');
      expect(quoted.length).toBeGreaterThan(0);
      expect((await presales.get('/api/opportunities')).body.items.length).toBeGreaterThan(0);
      const dealTimeline = (await rep.get(`/api/opportunities/${deals.find((d) => d.status === 'won')?.id}/timeline`)).body.items as { kind: string }[];
      expect(dealTimeline.filter((i) => i.kind === 'followup').length).toBeGreaterThanOrEqual(3);
      const lead = await signIn(app, 'li.na@demo.kairos.dev', DEMO_PASSWORD);
      expect(((await lead.get('/api/users')).body.items as User[]).map((u) => u.name).sort()).toEqual(['刘洋', '张伟', '李娜'].sort());
    } finally {
      await app.close();
    }
  });

  it('leaves an installation that already has a workspace alone', async () => {
    await createDemoWorkspace(t.core);
    expect(await createDemoWorkspace(t.core)).toBeNull();
  });
});
