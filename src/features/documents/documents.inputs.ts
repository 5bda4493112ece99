/** Inputs of the document workflow: the text to analyse, and the reviewed proposals to commit with it. */
import {
  ArrayMaxSize,
  IsBoolean,
  IsInt,
  IsOptional,
  IsUrl,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { AgreementStatus, CountProperty, NodeKind, RelationType } from '../../graphql/enums';
import { MAX_SLUG_LENGTH, SLUG_PATTERN } from '../../model/graph-model';
import { IsPartialDate } from '../../shared/validators';

/** A document's text may be up to 1 MB (checked in bytes by the service, which answers BAD_USER_INPUT). */
export const MAX_DOCUMENT_BYTES = 1_000_000;
/** Reviewed proposals per commit: a long article states a few hundred facts at most. */
const MAX_PROPOSALS = 1000;

const Slug =
  (description: string): PropertyDecorator =>
  (target, key) => {
    Field(() => ID, { description })(target, key);
    Length(1, MAX_SLUG_LENGTH)(target, key);
    Matches(SLUG_PATTERN, { message: `${String(key)} must be a lower-case slug such as "iecm"` })(target, key);
  };

/** Positions of the sentences that state a fact (0 is the title), as `analyzeDocument` numbers them. */
const Sentences =
  (description = 'Positions of the sentences that state it, as analyzeDocument numbers them (0 is the title).') =>
  (target: object, key: string | symbol): void => {
    Field(() => [Int], { description })(target, key);
    ArrayMaxSize(200)(target, key);
    IsInt({ each: true })(target, key);
    Min(0, { each: true })(target, key);
  };

@InputType({ description: 'A document to analyse; nothing is written.' })
export class AnalyzeDocumentInput {
  @Field({ description: 'The title (headline); it is sentence 0.' })
  @Length(1, 500)
  title!: string;

  @Field(() => String, { nullable: true, description: 'Where it was published.' })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  url?: string | null;

  @Field(() => String, { nullable: true, description: 'Publication date: YYYY, YYYY-MM or YYYY-MM-DD.' })
  @IsOptional()
  @IsPartialDate()
  publishedAt?: string | null;

  @Field(() => String, { nullable: true, description: 'Who published it.' })
  @IsOptional()
  @Length(1, 300)
  publisher?: string | null;

  @Field({ description: 'The body of the document, plain text (at most 1 MB).' })
  text!: string;
}

@InputType({
  description:
    'A node the document adds to the graph (an accepted candidate), or, with `sameAs`, a proposal that is a node ' +
    'the graph already has.',
})
export class CommitNodeInput {
  @Slug(
    'Its new id, a slug such as "tecdmx". With `sameAs`, only the name the relationships, citations and counts ' +
      'of this commit use for the proposal (it may be the existing id itself).',
  )
  id!: string;

  @Field(() => ID, {
    nullable: true,
    description:
      'The existing node this proposal is. No node is created: relationships, citations and counts that name the ' +
      "proposal's id go to that node, which cites the proposal's sentences, and the proposal's name and aliases " +
      'become aliases of it when it has no such name yet (compared without case and accents). Its kind stays as ' +
      'it is. An id that is not a live node is BAD_USER_INPUT.',
  })
  @IsOptional()
  @Length(1, MAX_SLUG_LENGTH)
  sameAs?: string | null;

  @Field(() => NodeKind, { description: 'What it is.' })
  kind!: NodeKind;

  @Field({ description: 'Its fullest name.' })
  @Length(1, 500)
  name!: string;

  @Field(() => [String], { nullable: true, description: 'Acronyms and short forms.' })
  @IsOptional()
  @ArrayMaxSize(50)
  @Length(1, 300, { each: true })
  aliases?: string[] | null;

  @Sentences()
  sentences!: number[];

  @Field(() => String, { nullable: true, description: 'Start of its period, for agreements and events.' })
  @IsOptional()
  @IsPartialDate()
  periodStart?: string | null;

  @Field(() => String, { nullable: true, description: 'End of its period.' })
  @IsOptional()
  @IsPartialDate()
  periodEnd?: string | null;

  @Field(() => AgreementStatus, {
    nullable: true,
    description: "An agreement's status as a sentence states it (statusSentences); NOT_STATED when none does.",
  })
  @IsOptional()
  status?: AgreementStatus | null;

  @Field(() => [Int], {
    nullable: true,
    description: 'The sentences that state the status ("ha consolidado una red de 125 convenios"): required with it.',
  })
  @IsOptional()
  @ArrayMaxSize(200)
  @IsInt({ each: true })
  @Min(0, { each: true })
  statusSentences?: number[] | null;
}

@InputType({ description: 'A node already in the graph that sentences of the document name (an accepted mention).' })
export class CommitCitationInput {
  @Field(() => ID, { description: 'The node id.' })
  nodeId!: string;

  @Sentences()
  sentences!: number[];
}

@InputType({ description: 'A relationship the document states (an accepted or hand-made relation proposal).' })
export class CommitRelationshipInput {
  @Field(() => ID, { description: 'Where it starts: an existing node or one this commit adds.' })
  from!: string;

  @Field(() => RelationType, { description: 'Its type.' })
  type!: RelationType;

  @Field(() => ID, { description: 'Where it points: an existing node or one this commit adds.' })
  to!: string;

  @Sentences()
  sentences!: number[];

  @Field(() => String, { nullable: true, description: 'Start of the period it holds for ("2025-11").' })
  @IsOptional()
  @IsPartialDate()
  periodStart?: string | null;

  @Field(() => String, { nullable: true, description: 'End of the period.' })
  @IsOptional()
  @IsPartialDate()
  periodEnd?: string | null;
}

@InputType({ description: 'A count the document states about a node (an accepted quantity).' })
export class CommitCountInput {
  @Field(() => ID, { description: 'The node counted: an existing node or one this commit adds.' })
  nodeId!: string;

  @Field(() => CountProperty, { description: 'Which count.' })
  property!: CountProperty;

  @Field(() => Int, { description: 'The number stated.' })
  @IsInt()
  @Min(0)
  @Max(1_000_000_000)
  value!: number;

  @Sentences()
  sentences!: number[];
}

@InputType({ description: 'A reviewed document: its text and the proposals the curator accepted.' })
export class CommitDocumentInput {
  @Slug('The id of the new source document, a slug.')
  id!: string;

  @Field({ description: 'The title (headline); it is sentence 0.' })
  @Length(1, 500)
  title!: string;

  @Field({ description: 'Where it was published; a URL is committed once.' })
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  url!: string;

  @Field(() => String, { nullable: true, description: 'Publication date: YYYY, YYYY-MM or YYYY-MM-DD.' })
  @IsOptional()
  @IsPartialDate()
  publishedAt?: string | null;

  @Field(() => String, { nullable: true, description: 'Who published it.' })
  @IsOptional()
  @Length(1, 300)
  publisher?: string | null;

  @Field({ description: 'The body, as analysed: its sentences become the statements of the document.' })
  text!: string;

  @Field(() => [CommitNodeInput], { nullable: true, description: 'New nodes.' })
  @IsOptional()
  @ArrayMaxSize(MAX_PROPOSALS)
  @ValidateNested({ each: true })
  nodes?: CommitNodeInput[] | null;

  @Field(() => [CommitCitationInput], { nullable: true, description: 'Existing nodes the document names.' })
  @IsOptional()
  @ArrayMaxSize(MAX_PROPOSALS)
  @ValidateNested({ each: true })
  citations?: CommitCitationInput[] | null;

  @Field(() => [CommitRelationshipInput], { nullable: true, description: 'Relationships it states.' })
  @IsOptional()
  @ArrayMaxSize(MAX_PROPOSALS)
  @ValidateNested({ each: true })
  relationships?: CommitRelationshipInput[] | null;

  @Field(() => [CommitCountInput], { nullable: true, description: 'Counts it states.' })
  @IsOptional()
  @ArrayMaxSize(MAX_PROPOSALS)
  @ValidateNested({ each: true })
  counts?: CommitCountInput[] | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'Check everything and answer what the commit would write (`summary`), then write nothing (default false). ' +
      'The same checks and errors as a real commit.',
  })
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean | null;
}
