/**
 * Opening a saved map against the graph as it is today: each saved id is followed to the node it is now (itself,
 * or the survivor it was merged into), what changed is said in a sentence, and the relationships among the nodes
 * shown are read in one query.
 */
import type { Database } from '../../db/database';
import { findSubgraph } from '../graph/graph.repository';
import { readIdStates, type IdState } from './maps.repository';
import { MapNodeChangeKind, type MapContent, type MapNodeChange, type MapNode } from './maps.types';

/** The id the map shows for a saved id today; null when nothing live stands for it. */
function currentId(state: IdState | undefined): string | null {
  if (!state) return null;
  if (state.state === 'LIVE') return state.id;
  if (state.state === 'MERGED' && state.survivorLive) return state.mergedInto;
  return null;
}

function changeOf(id: string, state: IdState | undefined): MapNodeChange | null {
  const name = state?.name ?? null;
  const called = name ? `"${id}" (${name})` : `"${id}"`;
  if (!state || state.state === 'UNKNOWN') {
    return {
      kind: MapNodeChangeKind.UNKNOWN,
      name,
      mergedInto: null,
      message: `${called} is not a node of this graph`,
    };
  }
  if (state.state === 'MERGED') {
    const into = state.mergedInto;
    return state.survivorLive
      ? { kind: MapNodeChangeKind.MERGED, name, mergedInto: into, message: `${called} was merged into "${into}"` }
      : {
          kind: MapNodeChangeKind.DELETED,
          name,
          mergedInto: into,
          message: `${called} was merged into "${into}", which was deleted later`,
        };
  }
  if (state.state === 'DELETED') {
    return { kind: MapNodeChangeKind.DELETED, name, mergedInto: null, message: `${called} was deleted` };
  }
  return null;
}

export async function openMap(db: Database, nodes: readonly MapNode[]): Promise<MapContent> {
  const states = await readIdStates(
    db,
    nodes.map((node) => node.id),
  );
  const current = nodes.map((node) => currentId(states.get(node.id)));
  const subgraph = await findSubgraph(
    db,
    current.filter((id): id is string => id !== null),
  );
  const byId = new Map(subgraph.nodes.map((node) => [node.id, node]));
  return {
    nodes: nodes.map((node, i) => {
      const id = current[i];
      return { id: node.id, node: id ? (byId.get(id) ?? null) : null, change: changeOf(node.id, states.get(node.id)) };
    }),
    edges: subgraph.edges,
  };
}
