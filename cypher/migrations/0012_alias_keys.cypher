// The folded aliases of every node (its search keys but its name), for the keyword index of migration 0011.
MATCH (n:Entity) SET n.aliasKeys = [key IN coalesce(n.searchKeys, []) WHERE key <> n.sortKey];
