-- Old mail brought in with bin/postdesk import (docs/operators.md): filed through the chain like
-- any message, but never acknowledged and never notified; each item of a source is imported once,
-- so that an import can be run again or resumed after an interruption.
alter table spool add column imported boolean default false not null;

create table imported_mail (
    source      varchar(1000) not null,
    item_key    varchar(500)  not null,
    spool_id    bigint        not null,
    imported_at timestamp with time zone not null,
    primary key (source, item_key)
);
