// Progress of large imports, so that running the same import again after a crash resumes it.
CREATE CONSTRAINT import_run_id IF NOT EXISTS FOR (r:ImportRun) REQUIRE r.id IS UNIQUE;
CREATE INDEX import_run_fingerprint IF NOT EXISTS FOR (r:ImportRun) ON (r.fingerprint);
