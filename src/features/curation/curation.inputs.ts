/** Inputs of the write API, validated with class-validator (field-level messages under BAD_USER_INPUT). */
import {
  ArrayMaxSize,
  ArrayMinSize,
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
import { AgreementStatus, NodeKind, RelationType } from '../../graphql/enums';
import { NodeIdField, NodeIdsField } from '../../graphql/fields';
import { STATEMENT_ID_PATTERN } from '../../model/graph-model';
import { IsPartialDate } from '../../shared/validators';

/** An optional stated count: a non-negative integer up to `max`. */
const Count =
  (description: string, max = 1_000_000, min = 0): PropertyDecorator =>
  (target, key) => {
    Field(() => Int, { nullable: true, description })(target, key);
    IsOptional()(target, key);
    IsInt()(target, key);
    Min(min)(target, key);
    Max(max)(target, key);
  };

/** An optional date with its precision (YYYY, YYYY-MM or YYYY-MM-DD). */
const OptionalPartialDate =
  (description: string): PropertyDecorator =>
  (target, key) => {
    Field(() => String, { nullable: true, description })(target, key);
    IsOptional()(target, key);
    IsPartialDate()(target, key);
  };

/** An optional text of 1 to `max` characters. */
const OptionalText =
  (description: string, max = 2000): PropertyDecorator =>
  (target, key) => {
    Field(() => String, { nullable: true, description })(target, key);
    IsOptional()(target, key);
    Length(1, max)(target, key);
  };

/** Acronyms, short forms and English names. */
const Aliases =
  (description = 'Acronyms, short forms, English names.'): PropertyDecorator =>
  (target, key) => {
    Field(() => [String], { nullable: true, description })(target, key);
    IsOptional()(target, key);
    ArrayMaxSize(50)(target, key);
    Length(1, 300, { each: true })(target, key);
  };

@InputType({ description: 'The source of a fact: an existing statement, or a document and the supporting sentence.' })
export class SourceInput {
  @Field(() => ID, { nullable: true, description: 'An existing statement id, "<document id>#<n>".' })
  @IsOptional()
  @Matches(STATEMENT_ID_PATTERN, { message: 'statementId must look like "<document id>#<n>"' })
  statementId?: string;

  @NodeIdField('A source document id (with `sentence`).', { optional: true })
  documentId?: string;

  @Field(() => String, { nullable: true, description: 'The supporting sentence, quoted from the document.' })
  @IsOptional()
  @Length(3, 2000)
  sentence?: string;
}

/** Every write cites its sources: no unsourced facts. */
@InputType({ description: 'Base of every write input: its sources.' })
abstract class SourcedInput {
  @Field(() => [SourceInput], { description: 'Where the facts come from: at least one statement or sentence.' })
  @ArrayMinSize(1, { message: 'sources must name at least one source: no unsourced facts' })
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  sources!: SourceInput[];
}

@InputType({ description: 'Kind-specific details of a node; give those that apply.' })
export class NodeDetailsInput {
  @OptionalPartialDate('Start of the reported period (YYYY, YYYY-MM or YYYY-MM-DD).')
  periodStart?: string;

  @OptionalPartialDate('End of the reported period.')
  periodEnd?: string;

  @Field(() => String, { nullable: true, description: 'Event type: SERIES, TOUR_SERIES, OBSERVATION_MISSION...' })
  @IsOptional()
  @Matches(/^[A-Z][A-Z_]{1,39}$/, { message: 'eventType must be upper-case words joined by _' })
  eventType?: string;

  @Count('Stated number of events.', 1_000_000, 0)
  eventCount?: number;

  @Count('Stated number of tours.', 1_000_000, 0)
  tourCount?: number;

  @Count('Stated number of cities.', 1_000_000, 0)
  cityCount?: number;

  @Count('Stated number of participants.', 100_000_000, 0)
  participantCount?: number;

  @Count('Edition number.', 10_000, 1)
  edition?: number;

  @OptionalText('Stated purpose.', 2000)
  purpose?: string;

  @OptionalText('Other stated detail.', 2000)
  note?: string;

  @Field(() => Boolean, { nullable: true, description: 'Whether a commission is provisional, as its name says.' })
  @IsOptional()
  @IsBoolean()
  provisional?: boolean;

  @Field(() => String, { nullable: true, description: 'FACULTY or CAMPUS, for faculties.' })
  @IsOptional()
  @Matches(/^(FACULTY|CAMPUS)$/, { message: 'unitType must be FACULTY or CAMPUS' })
  unitType?: string;

  @Count('Legal instruments signed, for reports.', 1_000_000, 0)
  legalInstrumentsSigned?: number;

  @OptionalText('What a report covers.', 2000)
  summary?: string;
}

@InputType({ description: 'A new node (not an agreement or a source document: they have their own mutations).' })
export class CreateNodeInput extends SourcedInput {
  @NodeIdField('Stable slug id, e.g. "iecm".')
  id!: string;

  @Field(() => NodeKind, { description: 'What the node is.' })
  kind!: NodeKind;

  @Field({ description: 'Name in the original language.' })
  @Length(1, 300)
  name!: string;

  @Aliases()
  aliases?: string[];

  @Field(() => NodeDetailsInput, { nullable: true, description: 'Kind-specific details.' })
  @IsOptional()
  @ValidateNested()
  details?: NodeDetailsInput;
}

@InputType({ description: 'Changes to a node; what is not given stays as it is.' })
export class UpdateNodeInput extends SourcedInput {
  @OptionalText('New name.', 300)
  name?: string;

  @Aliases('The complete new list of aliases.')
  aliases?: string[];

  @Field(() => NodeDetailsInput, { nullable: true, description: 'Details to set.' })
  @IsOptional()
  @ValidateNested()
  details?: NodeDetailsInput;
}

/** The optional descriptive fields of a source document, for creating and for correcting one. */
@InputType({ description: 'Descriptive fields of a source document.' })
abstract class DocumentDetailsInput {
  @OptionalText('Author or byline.', 200)
  author?: string;

  @OptionalText('Genre, e.g. "Nota Informativa".', 100)
  genre?: string;

  @OptionalText('Publisher or site.', 200)
  publisher?: string;

  @Field(() => String, { nullable: true, description: 'Language code, e.g. "es".' })
  @IsOptional()
  @Matches(/^[a-z]{2,3}(-[A-Z]{2})?$/, { message: 'language must be a code such as "es"' })
  language?: string;
}

@InputType({ description: 'A new source document with its sentences.' })
export class CreateSourceDocumentInput extends DocumentDetailsInput {
  @NodeIdField('Stable slug id.')
  id!: string;

  @Field({ description: 'Title (headline); it becomes statement 0.' })
  @Length(1, 500)
  title!: string;

  @Field({ description: 'Where it was published (http or https).' })
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'url must be an http(s) URL' })
  url!: string;

  @Field({ description: 'Publication date, YYYY, YYYY-MM or YYYY-MM-DD.' })
  @IsPartialDate()
  publishedOn!: string;

  @Field(() => [String], { description: 'The sentences, in order; they become statements 1, 2, ...' })
  @ArrayMaxSize(2000)
  @Length(1, 2000, { each: true })
  sentences!: string[];
}

@InputType({ description: 'Corrections and additions to a source document; what is not given stays.' })
export class UpdateSourceDocumentInput extends DocumentDetailsInput {
  @OptionalText('New title.', 500)
  title?: string;

  @Field(() => String, { nullable: true, description: 'New URL (http or https).' })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'url must be an http(s) URL' })
  url?: string;

  @OptionalPartialDate('New publication date, YYYY, YYYY-MM or YYYY-MM-DD.')
  publishedOn?: string;

  @Field(() => [String], { nullable: true, description: 'Sentences to add after the last statement.' })
  @IsOptional()
  @ArrayMaxSize(2000)
  @Length(1, 2000, { each: true })
  addSentences?: string[];
}

@InputType({ description: 'A new agreement with its parties and facilitators.' })
export class CreateAgreementInput extends SourcedInput {
  @NodeIdField('Stable slug id, e.g. "convenio-iecm-ine".')
  id!: string;

  @Field({ description: 'Name of the agreement.' })
  @Length(1, 300)
  name!: string;

  @Aliases()
  aliases?: string[];

  @Field(() => AgreementStatus, { defaultValue: AgreementStatus.SIGNED, description: 'Its status.' })
  status: AgreementStatus = AgreementStatus.SIGNED;

  @Field({ defaultValue: 'CONVENIO', description: 'Kind of instrument.' })
  @Matches(/^[A-Z][A-Z_]{1,39}$/, { message: 'agreementType must be upper-case words joined by _' })
  agreementType: string = 'CONVENIO';

  @OptionalPartialDate('Start of the reported period.')
  periodStart?: string;

  @OptionalPartialDate('End of the reported period.')
  periodEnd?: string;

  @NodeIdsField('The parties: at least two existing node ids.')
  @ArrayMinSize(2)
  parties!: string[];

  @NodeIdsField('Who helped negotiate it.', { optional: true })
  facilitators?: string[];
}

@InputType({ description: 'A typed relationship to create (or to add sources to, when it exists).' })
export class LinkInput extends SourcedInput {
  @NodeIdField('Start node id.')
  from!: string;

  @Field(() => RelationType, { description: 'Relationship type.' })
  type!: RelationType;

  @NodeIdField('End node id.')
  to!: string;

  @OptionalPartialDate('Start of the reported period.')
  periodStart?: string;

  @OptionalPartialDate('End of the reported period.')
  periodEnd?: string;

  @Field(() => Int, { nullable: true, description: 'A stated head count (for PARTICIPATED_IN).' })
  @IsOptional()
  @IsInt()
  @Min(0)
  participantCount?: number;

  @OptionalText('A stated note.', 2000)
  note?: string;
}
