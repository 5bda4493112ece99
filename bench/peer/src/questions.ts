/**
 * The read-API benchmark's questions (bench/read-api.bench.ts) as the peer's schema asks them, so a benchmark
 * can send the same question to both APIs. Names match that file's;
 */
export interface PeerQuestion {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
}

export const PEER_QUESTIONS: PeerQuestion[] = [
  {
    name: 'node by id with sources',
    query: `query ($id: ID!) {
      entities(where: { id: { eq: $id } }) { id name kind aliases sources { text document { title url } } }
    }`,
    variables: { id: 'iecm' },
  },
  {
    name: 'search "fisc"',
    query: `{ search(exact: "fisc", aliasPrefix: "fisc*", limit: 10) { id name kind } }`,
  },
  {
    name: 'organizations page with locations',
    query: `{
      organizationsConnection(first: 20, sort: [{ sortKey: ASC }]) {
        totalCount edges { cursor node { id name locatedIn { id name } } }
      }
    }`,
  },
  {
    name: 'organizations page of 20 by name with their agreements',
    query: `{
      organizationsConnection(first: 20, sort: [{ sortKey: ASC }]) {
        totalCount edges { cursor node { id name agreements { id name status } } }
      }
    }`,
  },
  {
    name: 'agreement parties and facilitators',
    query: `{
      agreementsConnection(first: 20, sort: [{ sortKey: ASC }]) {
        totalCount edges { node { id name status parties { id name } facilitators { id name } } }
      }
    }`,
  },
];
