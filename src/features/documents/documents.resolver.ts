/** The document workflow's API: `analyzeDocument` (a read, as a POST-only mutation) and `commitDocument`. */
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context';
import { arg, mutation, mutationsResolver } from '../../graphql/mutations';
import { notFound } from '../../shared/errors';
import { toNode } from '../nodes/node.mapper';
import { nodeLoader } from '../nodes/node.loaders';
import { Node, SourceDocument } from '../nodes/node.types';
import { analysisPool } from './analysis-pool';
import { AnalyzeDocumentInput, CommitDocumentInput } from './documents.inputs';
import * as documents from './documents.service';
import type { KnownStatement } from './documents.repository';
import { DocumentAnalysis, DocumentCommit, Mention } from './documents.types';

const toSource = (statement: KnownStatement) => ({
  statementId: statement.id,
  position: statement.position,
  sentence: statement.text,
  documentId: statement.documentId,
});

export const DocumentsResolver = mutationsResolver('DocumentsResolver', {
  analyzeDocument: mutation({
    returns: () => DocumentAnalysis,
    role: 'editor',
    description:
      'Propose, sentence by sentence, the known nodes, new entities, relationships and numbers a document states; ' +
      'writes nothing (editor; a mutation so that it is sent by POST only).',
    args: { input: arg<AnalyzeDocumentInput>(() => AnalyzeDocumentInput, 'The document.') },
    run: async (ctx, _actor, { input }): Promise<DocumentAnalysis> => ({
      sentences: (await documents.analyze(ctx.db, ctx.resources.get(analysisPool), input)).map((sentence) => ({
        index: sentence.index,
        text: sentence.text,
        knownStatements: sentence.knownStatements.map(toSource),
        mentions: sentence.mentions.map((mention) => Object.assign(new Mention(), mention)),
        candidates: sentence.candidates,
        relations: sentence.relations,
        quantities: sentence.quantities,
      })),
    }),
  }),
  commitDocument: mutation({
    returns: () => DocumentCommit,
    role: 'editor',
    description:
      'Add a reviewed document in one transaction: the document and its sentences, the accepted nodes, ' +
      'relationships and counts citing their sentences, corroborations and history; idempotent on the URL (editor).',
    args: { input: arg<CommitDocumentInput>(() => CommitDocumentInput, 'The reviewed document.') },
    run: async (ctx, actor, { input }): Promise<DocumentCommit> => {
      const result = await documents.commit(ctx.db, actor, input);
      const document = toNode(result.document);
      if (!(document instanceof SourceDocument)) throw new Error(`"${document.id}" is not a source document`);
      return {
        document,
        alreadyCommitted: result.alreadyCommitted,
        statements: result.statements,
        nodes: result.nodes.map(toNode),
        relationships: result.relationships,
        corroborated: result.corroborated.map(toSource),
        summary: result.summary,
        dryRun: result.dryRun,
      };
    },
  }),
});

@Resolver(() => Mention)
export class MentionFieldsResolver {
  @FieldResolver(() => Node, { description: 'The node named.' })
  async node(@Root() mention: Mention, @Ctx() ctx: Context): Promise<Node> {
    const node = await ctx.loaders.get(nodeLoader).load(mention.nodeId);
    if (!node) throw notFound('Node', mention.nodeId);
    return node;
  }
}
