/** Inputs of the write API, validated with class-validator (field-level messages under BAD_USER_INPUT). */
import {
  ArrayMaxSize,
  ArrayMinSize,
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
import { NodeKind, RelationType } from '../../graphql/enums';
import { MAX_SLUG_LENGTH, SLUG_PATTERN } from '../../model/graph-model';
import { IsPartialDate } from '../../shared/validators';

const SLUG_MESSAGE = '$property must be a slug of lower-case letters, digits and single hyphens, such as "iecm"';
const Slug = (): PropertyDecorator => (target, key) => {
  Matches(SLUG_PATTERN, { message: SLUG_MESSAGE })(target, key);
  Length(1, MAX_SLUG_LENGTH)(target, key);
};

@InputType({ description: 'The source of a fact: an existing statement, or a document and the supporting sentence.' })
export class SourceInput {
  @Field(() => ID, { nullable: true, description: 'An existing statement id, "<document id>#<n>".' })
  @IsOptional()
  @Matches(/^[a-z0-9]+(?:-[a-z0-9]+)*#\d+$/, { message: 'statementId must look like "<document id>#<n>"' })
  statementId?: string;

  @Field(() => ID, { nullable: true, description: 'A source document id (with `sentence`).' })
  @IsOptional()
  @Slug()
  documentId?: string;

  @Field(() => String, { nullable: true, description: 'The supporting sentence, quoted from the document.' })
  @IsOptional()
  @Length(3, 2000)
  sentence?: string;
}

@InputType({ description: 'Kind-specific details of a node; give those that apply.' })
export class NodeDetailsInput {
  @Field(() => String, { nullable: true, description: 'Start of the reported period (YYYY, YYYY-MM or YYYY-MM-DD).' })
  @IsOptional()
  @IsPartialDate()
  periodStart?: string;

  @Field(() => String, { nullable: true, description: 'End of the reported period.' })
  @IsOptional()
  @IsPartialDate()
  periodEnd?: string;

  @Field(() => String, { nullable: true, description: 'Event type: SERIES, TOUR_SERIES, OBSERVATION_MISSION...' })
  @IsOptional()
  @Matches(/^[A-Z][A-Z_]{1,39}$/, { message: 'eventType must be upper-case words joined by _' })
  eventType?: string;

  @Field(() => Int, { nullable: true, description: 'Stated number of events.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  eventCount?: number;

  @Field(() => Int, { nullable: true, description: 'Stated number of tours.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  tourCount?: number;

  @Field(() => Int, { nullable: true, description: 'Stated number of cities.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  cityCount?: number;

  @Field(() => Int, { nullable: true, description: 'Stated number of participants.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  participantCount?: number;

  @Field(() => Int, { nullable: true, description: 'Edition number.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000)
  edition?: number;

  @Field(() => String, { nullable: true, description: 'Stated purpose.' })
  @IsOptional()
  @Length(1, 2000)
  purpose?: string;

  @Field(() => String, { nullable: true, description: 'Other stated detail.' })
  @IsOptional()
  @Length(1, 2000)
  note?: string;

  @Field(() => String, { nullable: true, description: 'FACULTY or CAMPUS, for faculties.' })
  @IsOptional()
  @Matches(/^(FACULTY|CAMPUS)$/, { message: 'unitType must be FACULTY or CAMPUS' })
  unitType?: string;

  @Field(() => Int, { nullable: true, description: 'Legal instruments signed, for reports.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  legalInstrumentsSigned?: number;

  @Field(() => String, { nullable: true, description: 'What a report covers.' })
  @IsOptional()
  @Length(1, 2000)
  summary?: string;
}

@InputType({ description: 'A new node (not an agreement or a source document: they have their own mutations).' })
export class CreateNodeInput {
  @Field(() => ID, { description: 'Stable slug id, e.g. "iecm".' })
  @Slug()
  id!: string;

  @Field(() => NodeKind, { description: 'What the node is.' })
  kind!: NodeKind;

  @Field({ description: 'Name in the original language.' })
  @Length(1, 300)
  name!: string;

  @Field(() => [String], { nullable: true, description: 'Acronyms, short forms, English names.' })
  @IsOptional()
  @ArrayMaxSize(50)
  @Length(1, 300, { each: true })
  aliases?: string[];

  @Field(() => NodeDetailsInput, { nullable: true, description: 'Kind-specific details.' })
  @IsOptional()
  @ValidateNested()
  details?: NodeDetailsInput;

  @Field(() => [SourceInput], { description: 'Where the facts come from: at least one.' })
  @ArrayMinSize(1, { message: 'sources must name at least one source: no unsourced facts' })
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  sources!: SourceInput[];
}

@InputType({ description: 'Changes to a node; what is not given stays as it is.' })
export class UpdateNodeInput {
  @Field(() => String, { nullable: true, description: 'New name.' })
  @IsOptional()
  @Length(1, 300)
  name?: string;

  @Field(() => [String], { nullable: true, description: 'The complete new list of aliases.' })
  @IsOptional()
  @ArrayMaxSize(50)
  @Length(1, 300, { each: true })
  aliases?: string[];

  @Field(() => NodeDetailsInput, { nullable: true, description: 'Details to set.' })
  @IsOptional()
  @ValidateNested()
  details?: NodeDetailsInput;

  @Field(() => [SourceInput], { description: 'The source of the change: at least one.' })
  @ArrayMinSize(1, { message: 'sources must name at least one source: no unsourced facts' })
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  sources!: SourceInput[];
}

@InputType({ description: 'A new source document with its sentences.' })
export class CreateSourceDocumentInput {
  @Field(() => ID, { description: 'Stable slug id.' })
  @Slug()
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

  @Field(() => String, { nullable: true, description: 'Author or byline.' })
  @IsOptional()
  @Length(1, 200)
  author?: string;

  @Field(() => String, { nullable: true, description: 'Genre, e.g. "Nota Informativa".' })
  @IsOptional()
  @Length(1, 100)
  genre?: string;

  @Field(() => String, { nullable: true, description: 'Publisher or site.' })
  @IsOptional()
  @Length(1, 200)
  publisher?: string;

  @Field(() => String, { nullable: true, description: 'Language code, e.g. "es".' })
  @IsOptional()
  @Matches(/^[a-z]{2,3}(-[A-Z]{2})?$/, { message: 'language must be a code such as "es"' })
  language?: string;

  @Field(() => [String], { description: 'The sentences, in order; they become statements 1, 2, ...' })
  @ArrayMaxSize(2000)
  @Length(1, 2000, { each: true })
  sentences!: string[];
}

@InputType({ description: 'A new agreement with its parties and facilitators.' })
export class CreateAgreementInput {
  @Field(() => ID, { description: 'Stable slug id, e.g. "convenio-iecm-ine".' })
  @Slug()
  id!: string;

  @Field({ description: 'Name of the agreement.' })
  @Length(1, 300)
  name!: string;

  @Field(() => [String], { nullable: true, description: 'Other names.' })
  @IsOptional()
  @ArrayMaxSize(50)
  @Length(1, 300, { each: true })
  aliases?: string[];

  @Field({ defaultValue: 'SIGNED', description: 'SIGNED or NEGOTIATION.' })
  @Matches(/^(SIGNED|NEGOTIATION)$/, { message: 'status must be SIGNED or NEGOTIATION' })
  status: string = 'SIGNED';

  @Field({ defaultValue: 'CONVENIO', description: 'Kind of instrument.' })
  @Matches(/^[A-Z][A-Z_]{1,39}$/, { message: 'agreementType must be upper-case words joined by _' })
  agreementType: string = 'CONVENIO';

  @Field(() => String, { nullable: true, description: 'Start of the reported period.' })
  @IsOptional()
  @IsPartialDate()
  periodStart?: string;

  @Field(() => String, { nullable: true, description: 'End of the reported period.' })
  @IsOptional()
  @IsPartialDate()
  periodEnd?: string;

  @Field(() => [ID], { description: 'The parties: at least two existing node ids.' })
  @ArrayMinSize(2)
  @ArrayMaxSize(50)
  @Matches(SLUG_PATTERN, { each: true, message: 'parties must be slugs' })
  parties!: string[];

  @Field(() => [ID], { nullable: true, description: 'Who helped negotiate it.' })
  @IsOptional()
  @ArrayMaxSize(50)
  @Matches(SLUG_PATTERN, { each: true, message: 'facilitators must be slugs' })
  facilitators?: string[];

  @Field(() => [SourceInput], { description: 'Where it is reported: at least one.' })
  @ArrayMinSize(1, { message: 'sources must name at least one source: no unsourced facts' })
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  sources!: SourceInput[];
}

@InputType({ description: 'A typed relationship to create (or to add sources to, when it exists).' })
export class LinkInput {
  @Field(() => ID, { description: 'Start node id.' })
  @Slug()
  from!: string;

  @Field(() => RelationType, { description: 'Relationship type.' })
  type!: RelationType;

  @Field(() => ID, { description: 'End node id.' })
  @Slug()
  to!: string;

  @Field(() => String, { nullable: true, description: 'Start of the reported period.' })
  @IsOptional()
  @IsPartialDate()
  periodStart?: string;

  @Field(() => String, { nullable: true, description: 'End of the reported period.' })
  @IsOptional()
  @IsPartialDate()
  periodEnd?: string;

  @Field(() => Int, { nullable: true, description: 'A stated head count (for PARTICIPATED_IN).' })
  @IsOptional()
  @IsInt()
  @Min(0)
  participantCount?: number;

  @Field(() => String, { nullable: true, description: 'A stated note.' })
  @IsOptional()
  @Length(1, 2000)
  note?: string;

  @Field(() => [SourceInput], { description: 'Where it is stated: at least one.' })
  @ArrayMinSize(1, { message: 'sources must name at least one source: no unsourced facts' })
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  sources!: SourceInput[];
}
