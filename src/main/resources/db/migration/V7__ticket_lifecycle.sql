-- Portable SQL: runs on H2 (in PostgreSQL mode) and on PostgreSQL.
-- A ticket has a life (issue 8): status new -> open -> pending -> solved -> closed, an assignee,
-- a severity (1-4), an escalation line (1, 2, 3, management), the queue (support address) it came
-- to, when its first response is due and whether that was missed, the closed ticket it follows up,
-- and a version for optimistic concurrency (the API's ETag).
alter table tickets add column severity integer default 3 not null;
alter table tickets add column line varchar(16) default '1' not null;
alter table tickets add column assignee varchar(512);
alter table tickets add column queue varchar(512);
alter table tickets add column first_response_due timestamp with time zone;
alter table tickets add column first_response_at timestamp with time zone;
alter table tickets add column breached boolean default false not null;
alter table tickets add column solved_at timestamp with time zone;
alter table tickets add column closed_at timestamp with time zone;
alter table tickets add column follow_up_of bigint;
alter table tickets add column version bigint default 0 not null;
create index tickets_status on tickets (status);

-- Every change is an event: what changed, old -> new, who did it, through which channel
-- (mail, api, console, timer, pipeline).
alter table ticket_events add column field varchar(32);
alter table ticket_events add column old_value varchar(512);
alter table ticket_events add column new_value varchar(512);
alter table ticket_events add column actor varchar(512);
alter table ticket_events add column channel varchar(16);

-- Timers run on one node at a time: a row per job, taken with an update that only succeeds when
-- the lease is free or expired.
create table job_leases (
    name        varchar(64)   not null primary key,
    holder      varchar(128),
    leased_until timestamp with time zone
);
