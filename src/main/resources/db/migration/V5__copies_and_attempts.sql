-- Portable SQL: runs on H2 (in PostgreSQL mode) and on PostgreSQL.

-- Every copy knows its end. A quarantined message keeps its raw bytes only sealed, under the key of
-- the address recorded as its sender (so that erasure reaches it), until an operator retries it.
alter table spool add column sealed_for varchar(512);

-- Temporary failures are retried with backoff and counted; after the last attempt the message is
-- quarantined with the reason.
alter table spool add column attempts integer default 0 not null;

-- A sent mail's body is dropped after delivery; its headers and metadata stay in the row.
alter table outbox alter column raw drop not null;
