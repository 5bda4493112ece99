// Search over names and aliases (acronyms, short and English names). The standard-folding analyzer
// lower-cases and folds accents, so "fiscalia", "FISCALÍA" and "Fiscalía" all match.
CREATE FULLTEXT INDEX entity_search IF NOT EXISTS
FOR (n:Entity) ON EACH [n.name, n.aliases]
OPTIONS { indexConfig: { `fulltext.analyzer`: 'standard-folding', `fulltext.eventually_consistent`: false } };
