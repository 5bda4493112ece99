/** The write API: each mutation declared once, as a call of curation.service with the role it needs. */
import { ID } from 'type-graphql';
import { arg, mutation, mutationsResolver } from '../../graphql/mutations';
import { toNode } from '../nodes/node.mapper';
import { Agreement, Node, Relationship, SourceDocument } from '../nodes/node.types';
import {
  CreateAgreementInput,
  CreateNodeInput,
  CreateSourceDocumentInput,
  LinkInput,
  UpdateNodeInput,
  UpdateSourceDocumentInput,
} from './curation.inputs';
import * as curation from './curation.service';

const nodeId = (description: string) => arg<string>(() => ID, description);

export const CurationResolver = mutationsResolver('CurationResolver', {
  createNode: mutation({
    returns: () => Node,
    role: 'editor',
    description: 'Create an organization, university, faculty, city, event, group... (editor).',
    args: { input: arg<CreateNodeInput>(() => CreateNodeInput, 'The node.') },
    run: async (ctx, actor, { input }) => toNode(await curation.createNode(ctx.db, actor, input)),
  }),
  updateNode: mutation({
    returns: () => Node,
    role: 'editor',
    description: 'Change a node; the change must cite a source (editor).',
    args: { id: nodeId('The node id.'), input: arg<UpdateNodeInput>(() => UpdateNodeInput, 'The changes.') },
    run: async (ctx, actor, { id, input }) => toNode(await curation.updateNode(ctx.db, actor, id, input)),
  }),
  createSourceDocument: mutation({
    returns: () => SourceDocument,
    role: 'editor',
    description: 'Add a source document with its sentences (editor).',
    args: { input: arg<CreateSourceDocumentInput>(() => CreateSourceDocumentInput, 'The document.') },
    run: async (ctx, actor, { input }) => toNode(await curation.createSourceDocument(ctx.db, actor, input)),
  }),
  updateSourceDocument: mutation({
    returns: () => SourceDocument,
    role: 'editor',
    description: 'Correct a source document or add sentences to it (editor).',
    args: {
      id: nodeId('The document id.'),
      input: arg<UpdateSourceDocumentInput>(() => UpdateSourceDocumentInput, 'The changes.'),
    },
    run: async (ctx, actor, { id, input }) => toNode(await curation.updateSourceDocument(ctx.db, actor, id, input)),
  }),
  createAgreement: mutation({
    returns: () => Agreement,
    role: 'editor',
    description: 'Create an agreement with its parties and facilitators (editor).',
    args: { input: arg<CreateAgreementInput>(() => CreateAgreementInput, 'The agreement.') },
    run: async (ctx, actor, { input }) => toNode(await curation.createAgreement(ctx.db, actor, input)),
  }),
  link: mutation({
    returns: () => Relationship,
    role: 'editor',
    description: 'Create a typed relationship with its period and sources (editor).',
    args: { input: arg<LinkInput>(() => LinkInput, 'The relationship.') },
    run: (ctx, actor, { input }) => curation.link(ctx.db, actor, input),
  }),
  unlink: mutation({
    returns: () => Boolean,
    role: 'editor',
    description: 'Remove a relationship by id; the history keeps it (editor).',
    args: { id: arg<string>(() => ID, 'The relationship id.') },
    run: (ctx, actor, { id }) => curation.unlink(ctx.db, actor, id),
  }),
  mergeNodes: mutation({
    returns: () => Node,
    role: 'admin',
    description: 'Merge two nodes that are the same entity (admin).',
    args: {
      survivorId: nodeId('The node that stays.'),
      mergedId: nodeId('The node merged into it; its id keeps resolving to the survivor.'),
    },
    run: async (ctx, actor, { survivorId, mergedId }) =>
      toNode(await curation.mergeNodes(ctx.db, actor, survivorId, mergedId)),
  }),
  deleteNode: mutation({
    returns: () => Boolean,
    role: 'admin',
    description: 'Soft-delete a node: hidden from every read, restorable (admin).',
    args: { id: nodeId('The node id.') },
    run: (ctx, actor, { id }) => curation.deleteNode(ctx.db, actor, id),
  }),
  restoreNode: mutation({
    returns: () => Node,
    role: 'admin',
    description: 'Restore a soft-deleted node with its relationships (admin).',
    args: { id: nodeId('The node id.') },
    run: async (ctx, actor, { id }) => toNode(await curation.restoreNode(ctx.db, actor, id)),
  }),
});
