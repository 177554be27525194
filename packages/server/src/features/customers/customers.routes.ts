import { z } from 'zod';
import { pageOf } from '@kairos/domain/common';
import {
  BulkCustomerActionSchema,
  BulkResultSchema,
  CreateCustomerSchema,
  CustomerListQuerySchema,
  CustomerSchema,
  MergeCustomerSchema,
  TransferCustomerSchema,
  UpdateCustomerSchema,
} from '@kairos/domain/customers';
import type { Core } from '../../core';
import { contextOf } from '../../http/auth';
import { idempotencyOf } from '../../http/idempotency';
import { IdParams, NoContent, problems, typed, type App } from '../../http/types';
import {
  bulkCustomers,
  createCustomer,
  deleteCustomer,
  getCustomer,
  listCustomers,
  mergeCustomer,
  restoreCustomer,
  transferCustomer,
  updateCustomer,
} from './customers.service';
import { exportCustomers } from './customers.export';

export function registerCustomerRoutes(app: App, core: Core) {
  const r = typed(app);
  const tags = ['customers'];
  r.get('/api/customers', { schema: { tags, summary: 'Customers the caller may see; filters, sort, keyset cursor; deleted=true is the recycle bin', querystring: CustomerListQuerySchema, response: { 200: pageOf(CustomerSchema), ...problems } } }, async (request) =>
    listCustomers(core, contextOf(request), request.query),
  );
  r.post(
    '/api/customers',
    {
      schema: {
        tags,
        summary: 'Create a customer (honours Idempotency-Key). 409 duplicate_warning / duplicate_customer carry `matches`.',
        headers: z.looseObject({ 'idempotency-key': z.string().optional() }),
        body: CreateCustomerSchema,
        response: { 201: CustomerSchema, ...problems },
      },
    },
    async (request, reply) => reply.code(201).send(await createCustomer(core, contextOf(request), request.body, idempotencyOf(request))),
  );
  r.post(
    '/api/customers/bulk',
    { schema: { tags, summary: 'Assign, tag or delete up to 200 customers; each id is checked and reported on its own', body: BulkCustomerActionSchema, response: { 200: BulkResultSchema, ...problems } } },
    async (request) => bulkCustomers(core, contextOf(request), request.body),
  );
  r.get(
    '/api/customers/export',
    { schema: { tags, summary: 'Customers as CSV (UTF-8 with BOM), with the list filters, within the caller’s export scope; streamed', querystring: CustomerListQuerySchema } },
    async (request, reply) => exportCustomers(core, contextOf(request), request.query, reply),
  );
  r.get('/api/customers/:id', { schema: { tags, summary: 'One customer', params: IdParams, response: { 200: CustomerSchema, ...problems } } }, async (request) =>
    getCustomer(core, contextOf(request), request.params.id),
  );
  r.patch('/api/customers/:id', { schema: { tags, summary: 'Edit a customer; needs its version (stale → 409 with `current`)', params: IdParams, body: UpdateCustomerSchema, response: { 200: CustomerSchema, ...problems } } }, async (request) =>
    updateCustomer(core, contextOf(request), request.params.id, request.body),
  );
  r.delete('/api/customers/:id', { schema: { tags, summary: 'Move a customer to the recycle bin', params: IdParams, response: { 204: NoContent, ...problems } } }, async (request, reply) => {
    await deleteCustomer(core, contextOf(request), request.params.id);
    return reply.code(204).send(null);
  });
  r.post('/api/customers/:id/restore', { schema: { tags, summary: 'Restore a customer from the recycle bin', params: IdParams, response: { 200: CustomerSchema, ...problems } } }, async (request) =>
    restoreCustomer(core, contextOf(request), request.params.id),
  );
  r.post(
    '/api/customers/:id/merge',
    { schema: { tags, summary: 'Merge a duplicate into this customer: its contacts, deals, follow-ups, comments and history move here; both versions are checked', params: IdParams, body: MergeCustomerSchema, response: { 200: CustomerSchema, ...problems } } },
    async (request) => mergeCustomer(core, contextOf(request), request.params.id, request.body),
  );
  r.post('/api/customers/:id/transfer', { schema: { tags, summary: 'Hand a customer to a colleague; its history stays', params: IdParams, body: TransferCustomerSchema, response: { 200: CustomerSchema, ...problems } } }, async (request) =>
    transferCustomer(core, contextOf(request), request.params.id, request.body),
  );
}
