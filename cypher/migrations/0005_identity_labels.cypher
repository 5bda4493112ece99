// Nodes loaded before migration 0004 get the :Identity label.
MATCH (n:Entity) WHERE NOT n:Identity SET n:Identity;
