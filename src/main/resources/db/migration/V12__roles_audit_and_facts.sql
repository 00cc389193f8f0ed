-- Portable SQL: runs on H2 (in PostgreSQL mode) and on PostgreSQL.
-- Issue 9, parts 4-6: API tokens with an expiry, their last use (minute granularity) and the
-- networks they may be used from; the tamper-evident audit trail; anonymous ticket facts for
-- statistics that survive erasure.
alter table api_tokens add column expires_at timestamp with time zone;
alter table api_tokens add column last_used_at timestamp with time zone;
alter table api_tokens add column allowed_networks varchar(2000);

-- Every privileged action, in a hash chain: record_hash is the SHA-256 of the record's canonical
-- form, which includes prev_hash (the previous record's record_hash). The chain covers only
-- non-personal fields and keyed hashes (HMAC under a key derived from the master key) of the free
-- texts who and reason, so erasing those texts (set to null) keeps the chain valid. A person
-- (address, IP address) appears in target only as such a keyed hash.
create table audit_trail (
    seq         bigint        not null primary key,
    at          timestamp with time zone not null,
    action      varchar(32)   not null,
    role        varchar(32),
    target      varchar(300),
    who         varchar(300),
    who_hash    varchar(64)   not null,
    reason      text,
    reason_hash varchar(64)   not null,
    prev_hash   varchar(64)   not null,
    record_hash varchar(64)   not null
);

-- The end of the chain: one row, locked while a record is appended (one writer at a time, on
-- every node), and the hash a verification must end at (a cut-off tail is detected).
create table audit_head (
    name        varchar(16)   not null primary key,
    last_seq    bigint        not null,
    last_hash   varchar(64)   not null
);
insert into audit_head (name, last_seq, last_hash) values ('chain', 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- What statistics are computed from: one row per ticket under a random id, holding no person (no
-- address, no ticket number, no free text), only the filing day and categories and durations.
create table ticket_facts (
    fact_id                 varchar(36)   not null primary key,
    filed_on                date          not null,
    queue                   varchar(512),
    language                varchar(8),
    severity                integer,
    line                    varchar(16),
    first_response_seconds  bigint,
    resolution_seconds      bigint,
    breached                boolean       default false not null,
    csat                    integer
);
create index ticket_facts_filed on ticket_facts (filed_on);

-- Redactions and trackers removed by kind, per fact.
create table ticket_fact_counts (
    fact_id     varchar(36)   not null references ticket_facts (fact_id),
    measure     varchar(16)   not null,
    kind        varchar(64)   not null,
    amount      integer       not null,
    primary key (fact_id, measure, kind)
);

-- The only link from a ticket to its fact; it goes with the ticket (on delete cascade), so an
-- erased ticket leaves a fact that nothing leads back to.
create table ticket_fact_links (
    ticket_id   bigint        not null primary key references tickets (id) on delete cascade,
    fact_id     varchar(36)   not null
);
