// Aliases matched whole and by prefix (accents and case folded in aliasKeys): one keyword term per alias.
CREATE FULLTEXT INDEX entity_alias_keys IF NOT EXISTS
FOR (n:Entity) ON EACH [n.aliasKeys]
OPTIONS { indexConfig: { `fulltext.analyzer`: 'keyword', `fulltext.eventually_consistent`: false } };
