"""Reads a GEXF file with NetworkX and prints what the test compares, as JSON: used by gexf-readers.test.ts."""
import json
import sys

import networkx as nx

graph = nx.read_gexf(sys.argv[1])
edge_types = {}
for _source, _target, data in graph.edges(data=True):
    edge_types[data.get("label")] = edge_types.get(data.get("label"), 0) + 1
iecm = graph.nodes["iecm"]
print(
    json.dumps(
        {
            "networkx": nx.__version__,
            "nodes": graph.number_of_nodes(),
            "edges": graph.number_of_edges(),
            "iecm": {"label": iecm.get("label"), "kind": iecm.get("kind")},
            "edgeTypes": edge_types,
        }
    )
)
