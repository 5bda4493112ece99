// A write retried with the same Idempotency-Key finds its first answer on the change it recorded; the
// constraint makes two concurrent retries of one key commit at most once.
CREATE CONSTRAINT change_idempotency_key IF NOT EXISTS FOR (c:Change) REQUIRE c.idempotencyKey IS UNIQUE;
