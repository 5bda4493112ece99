// Merging redirects earlier merges into the merged node: found by what they were merged into.
CREATE INDEX merged_into IF NOT EXISTS FOR (m:MergedEntity) ON (m.mergedInto);
