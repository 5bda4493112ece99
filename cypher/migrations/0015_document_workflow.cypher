// The document workflow (src/features/documents): a sentence another document already states is found by its text
// (statement texts are at most 2,000 characters, within a range index's key size), a document by its URL, and each
// document URL is committed once: the constraint makes concurrent commits of one URL wait for each other.
CREATE INDEX statement_text IF NOT EXISTS FOR (s:Statement) ON (s.text);
CREATE INDEX source_document_url IF NOT EXISTS FOR (d:SourceDocument) ON (d.url);
CREATE CONSTRAINT document_commit_url IF NOT EXISTS FOR (c:DocumentCommit) REQUIRE c.url IS UNIQUE;
