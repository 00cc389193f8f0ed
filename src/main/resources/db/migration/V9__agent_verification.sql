-- Portable SQL: runs on H2 (in PostgreSQL mode) and on PostgreSQL.
-- Only real agents speak for the team (issue 8, part 3).
-- The agent a message was submitted by, when it came over the submission listener with SMTP AUTH:
-- the server's own word, never read from the message.
alter table spool add column submitted_by varchar(512);

-- When an agent was last told that mail to one of their reply addresses was not taken as theirs:
-- at most one notice an hour.
create table agent_notices (
    agent       varchar(512)  not null primary key,
    last_sent_at timestamp with time zone not null
);

-- A refused agent answer is kept sealed in the spool, not as a ticket's message: the privacy
-- officer's look at it is audited by its spool id.
alter table privacy_audit add column spool_id bigint;
alter table privacy_audit alter column message_id drop not null;
