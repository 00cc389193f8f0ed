-- Portable SQL: runs on H2 (in PostgreSQL mode) and on PostgreSQL.
-- Mail imported from polled mailboxes (issue 11): one row per message on the server, written
-- right after the message is durably spooled and before it is moved, flagged or deleted there.
-- An IMAP message is known by the folder's UIDVALIDITY and its UID (folder_key = the UIDVALIDITY),
-- a POP3 one by its UIDL (folder_key = 'pop3'); a new UIDVALIDITY starts a new set of keys.
create table mailbox_imports (
    mailbox      varchar(200)  not null,
    folder_key   varchar(40)   not null,
    message_key  varchar(100)  not null,
    spool_id     bigint,
    imported_at  timestamp with time zone not null,
    primary key (mailbox, folder_key, message_key)
);
