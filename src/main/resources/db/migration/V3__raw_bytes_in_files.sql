-- Portable SQL: runs on H2 (in PostgreSQL mode) and on PostgreSQL.
-- Large messages: raw messages, sealed originals and attachment bytes live in files under the
-- data directory and are streamed, never held whole in memory. The columns name the file
-- (relative to its folder); rows written before this migration keep their bytes in the old columns.

alter table spool add column raw_file varchar(255);
alter table spool alter column raw drop not null;

alter table sealed_originals add column sealed_file varchar(255);
alter table sealed_originals alter column sealed drop not null;

alter table attachments add column content_file varchar(255);
