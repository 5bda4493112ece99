/** The write API: thin resolvers over curation.service; roles are checked by @Authorized. */
import { Matches } from 'class-validator';
import { Arg, Args, ArgsType, Authorized, Ctx, Field, ID, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../../graphql/context';
import { SLUG_PATTERN } from '../../model/graph-model';
import { requireRole } from '../../shared/auth';
import { GraphEdge } from '../graph/graph.types';
import { toNode } from '../nodes/node.mapper';
import { Agreement, Node, SourceDocument } from '../nodes/node.types';
import {
  CreateAgreementInput,
  CreateNodeInput,
  CreateSourceDocumentInput,
  LinkInput,
  UpdateNodeInput,
  UpdateSourceDocumentInput,
} from './curation.inputs';
import * as curation from './curation.service';

@ArgsType()
class MergeArgs {
  @Field(() => ID, { description: 'The node that stays.' })
  @Matches(SLUG_PATTERN, { message: 'survivorId must be a slug' })
  survivorId!: string;

  @Field(() => ID, { description: 'The node merged into it; its id keeps resolving to the survivor.' })
  @Matches(SLUG_PATTERN, { message: 'mergedId must be a slug' })
  mergedId!: string;
}

/** The writing principal; @Authorized has already checked it, this narrows the type. */
const actor = (ctx: Context, role: 'editor' | 'admin' = 'editor') => requireRole(ctx.auth, [role]);

@Resolver()
export class CurationResolver {
  @Authorized('editor')
  @Mutation(() => Node, { description: 'Create an organization, university, faculty, city, event, group... (editor).' })
  async createNode(
    @Arg('input', { description: 'The node.' }) input: CreateNodeInput,
    @Ctx() ctx: Context,
  ): Promise<Node> {
    return toNode(await curation.createNode(ctx.db, actor(ctx), input));
  }

  @Authorized('editor')
  @Mutation(() => Node, { description: 'Change a node; the change must cite a source (editor).' })
  async updateNode(
    @Arg('id', () => ID, { description: 'The node id.' }) id: string,
    @Arg('input', { description: 'The changes.' }) input: UpdateNodeInput,
    @Ctx() ctx: Context,
  ): Promise<Node> {
    return toNode(await curation.updateNode(ctx.db, actor(ctx), id, input));
  }

  @Authorized('editor')
  @Mutation(() => SourceDocument, { description: 'Add a source document with its sentences (editor).' })
  async createSourceDocument(
    @Arg('input', { description: 'The document.' }) input: CreateSourceDocumentInput,
    @Ctx() ctx: Context,
  ): Promise<Node> {
    return toNode(await curation.createSourceDocument(ctx.db, actor(ctx), input));
  }

  @Authorized('editor')
  @Mutation(() => SourceDocument, { description: 'Correct a source document or add sentences to it (editor).' })
  async updateSourceDocument(
    @Arg('id', () => ID, { description: 'The document id.' }) id: string,
    @Arg('input', { description: 'The changes.' }) input: UpdateSourceDocumentInput,
    @Ctx() ctx: Context,
  ): Promise<Node> {
    return toNode(await curation.updateSourceDocument(ctx.db, actor(ctx), id, input));
  }

  @Authorized('editor')
  @Mutation(() => Agreement, { description: 'Create an agreement with its parties and facilitators (editor).' })
  async createAgreement(
    @Arg('input', { description: 'The agreement.' }) input: CreateAgreementInput,
    @Ctx() ctx: Context,
  ): Promise<Node> {
    return toNode(await curation.createAgreement(ctx.db, actor(ctx), input));
  }

  @Authorized('editor')
  @Mutation(() => GraphEdge, { description: 'Create a typed relationship with its period and sources (editor).' })
  link(@Arg('input', { description: 'The relationship.' }) input: LinkInput, @Ctx() ctx: Context): Promise<GraphEdge> {
    return curation.link(ctx.db, actor(ctx), input);
  }

  @Authorized('editor')
  @Mutation(() => Boolean, { description: 'Remove a relationship by id; the history keeps it (editor).' })
  unlink(
    @Arg('id', () => ID, { description: 'The relationship id.' }) id: string,
    @Ctx() ctx: Context,
  ): Promise<boolean> {
    return curation.unlink(ctx.db, actor(ctx), id);
  }

  @Authorized('admin')
  @Mutation(() => Node, { description: 'Merge two nodes that are the same entity (admin).' })
  async mergeNodes(@Args() { survivorId, mergedId }: MergeArgs, @Ctx() ctx: Context): Promise<Node> {
    return toNode(await curation.mergeNodes(ctx.db, actor(ctx, 'admin'), survivorId, mergedId));
  }

  @Authorized('admin')
  @Mutation(() => Boolean, { description: 'Soft-delete a node: hidden from every read, restorable (admin).' })
  deleteNode(@Arg('id', () => ID, { description: 'The node id.' }) id: string, @Ctx() ctx: Context): Promise<boolean> {
    return curation.deleteNode(ctx.db, actor(ctx, 'admin'), id);
  }

  @Authorized('admin')
  @Mutation(() => Node, { description: 'Restore a soft-deleted node with its relationships (admin).' })
  async restoreNode(
    @Arg('id', () => ID, { description: 'The node id.' }) id: string,
    @Ctx() ctx: Context,
  ): Promise<Node> {
    return toNode(await curation.restoreNode(ctx.db, actor(ctx, 'admin'), id));
  }
}
