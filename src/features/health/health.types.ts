import { Field, Float, ObjectType } from 'type-graphql';

@ObjectType({ description: 'The Neo4j server behind the API, as it reports itself.' })
export class DatabaseInfo {
  @Field({ description: 'Product name, e.g. "Neo4j Kernel".' })
  name!: string;

  @Field({ description: 'Server version, e.g. "5.26.30".' })
  version!: string;

  @Field({ description: 'Edition: "community" or "enterprise".' })
  edition!: string;

  @Field({ description: 'Name of the database the API reads and writes.' })
  database!: string;

  @Field(() => Float, { description: 'Round-trip time of the query that read this, in milliseconds.' })
  latencyMs!: number;
}

@ObjectType({ description: 'Liveness of the API and of its database.' })
export class Health {
  @Field({ description: '"ok" when the database answered.' })
  status!: string;

  @Field(() => DatabaseInfo, { description: 'The database server.' })
  database!: DatabaseInfo;

  @Field(() => Float, { description: 'Seconds since this API process started.' })
  uptimeSeconds!: number;
}
