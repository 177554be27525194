import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import fastJson from 'fast-json-stringify';
import { pageOf } from '@kairos/domain/common';
import { OpportunitySchema } from '@kairos/domain/opportunities';
import { TimelineItemSchema } from '@kairos/domain/timeline';
import { setUpWorkspace, type Workspace } from '../testing/factories';
import { openTestApp, type TestApp } from '../testing/test-core';
import { responseJsonSchema, zodSerializedRoutes } from './serializer';

const write = (schema: z.ZodType, data: unknown) => fastJson(responseJsonSchema(schema) as never)(data);

describe('response serializer', () => {
  const Shape = z.object({ id: z.string(), name: z.string().nullable(), amount: z.number().int(), tags: z.array(z.string()), custom: z.record(z.string(), z.unknown()), owner: z.object({ id: z.string() }).nullable() });

  it('writes only the declared properties, so an internal column never leaks', () => {
    const row = { id: 'a', name: null, amount: 5, tags: ['x'], custom: { k: [1, 'two'] }, owner: { id: 'u', password_hash: 'secret' }, workspace_id: 'w' };
    expect(JSON.parse(write(Shape, row))).toEqual({ id: 'a', name: null, amount: 5, tags: ['x'], custom: { k: [1, 'two'] }, owner: { id: 'u' } });
  });

  it('refuses an answer that lacks a required property rather than sending half a record', () => {
    expect(() => write(Shape, { id: 'a', amount: 1, tags: [], custom: {}, owner: null })).toThrow(/name/);
  });

  it('writes the same JSON as zod for a page of deals', () => {
    const id = (n: number) => `01900000-0000-7000-8000-00000000000${n}`;
    const at = '2026-11-01T00:00:00.000Z';
    const deal = {
      id: id(1), name: '私有云扩容', customerId: id(2), customerName: '星辰智联', contactId: null, pipelineId: id(3), stageId: id(4), status: 'open', amount: 12_345_600,
      currency: 'CNY', probability: 50, probabilityOverridden: false, expectedCloseOn: '2027-01-15', source: null, tags: ['年底冲刺'], ownerId: id(5), departmentId: null,
      team: [{ userId: id(6), role: 'presales', access: 'read', addedAt: at }], stageEnteredAt: at, closedAt: null, lastFollowUpAt: null, nextFollowUpOn: null,
      createdAt: at, updatedAt: at, deletedAt: null, version: 3, completeness: { percent: 50, missing: ['amount'] }, custom: { budget: 100, note: null }, lossReason: null, competitor: null,
    };
    const schema = pageOf(OpportunitySchema);
    const page = { items: [deal], nextCursor: null };
    const parsed = schema.safeParse(page);
    // The sample must be a valid deal for the comparison to mean anything.
    expect(parsed.error).toBeUndefined();
    expect(JSON.parse(write(schema, page))).toEqual(JSON.parse(JSON.stringify(parsed.data)));
  });

  it('compiles the timeline, a union of item kinds', () => {
    expect(responseJsonSchema(pageOf(TimelineItemSchema))).not.toBeNull();
  });
});

describe('every route', () => {
  let t: TestApp;
  let ws: Workspace;
  beforeAll(async () => {
    t = await openTestApp();
    ws = await setUpWorkspace(t.app);
  });
  afterAll(async () => {
    await t.close();
  });

  it('has its answers written by a compiled serializer, none by the slower zod fallback', async () => {
    expect((await ws.admin.get('/api/opportunities')).status).toBe(200);
    expect([...zodSerializedRoutes]).toEqual([]);
  });
});
