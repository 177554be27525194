import { BulkResultSchema, pageOf } from '@kairos/domain/common';
import { BulkContactActionSchema, ContactListQuerySchema, ContactSchema, CreateContactSchema, TransferContactSchema, UpdateContactSchema } from '@kairos/domain/contacts';
import type { Core } from '../../core';
import { contextOf } from '../../http/auth';
import { idempotencyOf } from '../../http/idempotency';
import { IdParams, NoContent, problems, typed, type App } from '../../http/types';
import { createContact, deleteContact, getContact, listContacts, updateContact, bulkContacts, restoreContact, transferContact } from './contacts.service';

export function registerContactRoutes(app: App, core: Core) {
  const r = typed(app);
  const tags = ['contacts'];
  r.get('/api/contacts', { schema: { tags, summary: 'Contacts of the customers the caller may see', querystring: ContactListQuerySchema, response: { 200: pageOf(ContactSchema), ...problems } } }, async (request) =>
    listContacts(core, contextOf(request), request.query),
  );
  r.post(
    '/api/contacts',
    { schema: { tags, summary: 'Add a contact to a customer (honours Idempotency-Key); mobile and e-mail are checked for duplicates', body: CreateContactSchema, response: { 201: ContactSchema, ...problems } } },
    async (request, reply) => reply.code(201).send(await createContact(core, contextOf(request), request.body, idempotencyOf(request))),
  );
  r.get('/api/contacts/:id', { schema: { tags, summary: 'One contact', params: IdParams, response: { 200: ContactSchema, ...problems } } }, async (request) => getContact(core, contextOf(request), request.params.id));
  r.patch('/api/contacts/:id', { schema: { tags, summary: 'Edit a contact; needs its version', params: IdParams, body: UpdateContactSchema, response: { 200: ContactSchema, ...problems } } }, async (request) =>
    updateContact(core, contextOf(request), request.params.id, request.body),
  );
  r.post('/api/contacts/bulk', { schema: { tags, summary: 'Assign, tag or delete up to 200 contacts; each id is checked and reported on its own', body: BulkContactActionSchema, response: { 200: BulkResultSchema, ...problems } } }, async (request) =>
    bulkContacts(core, contextOf(request), request.body),
  );
  r.post('/api/contacts/:id/transfer', { schema: { tags, summary: "Make a colleague the contact's owner (who may see it still follows its customer); needs its version", params: IdParams, body: TransferContactSchema, response: { 200: ContactSchema, ...problems } } }, async (request) =>
    transferContact(core, contextOf(request), request.params.id, request.body),
  );
  r.post('/api/contacts/:id/restore', { schema: { tags, summary: 'Bring back a deleted contact (within the recycle-bin days)', params: IdParams, response: { 200: ContactSchema, ...problems } } }, async (request) =>
    restoreContact(core, contextOf(request), request.params.id),
  );
  r.delete('/api/contacts/:id', { schema: { tags, summary: 'Delete a contact (soft)', params: IdParams, response: { 204: NoContent, ...problems } } }, async (request, reply) => {
    await deleteContact(core, contextOf(request), request.params.id);
    return reply.code(204).send(null);
  });
}
