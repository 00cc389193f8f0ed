-- Portable SQL: runs on H2 (in PostgreSQL mode) and on PostgreSQL.
-- Where we write to a ticket's customer (Reply-To before From), decided once when the ticket
-- opens, so that the acknowledgement and every relayed answer go to the same address. Null when
-- the customer gave no address we can write to. Older tickets were written to their customer.
alter table tickets add column reply_address varchar(512);
update tickets set reply_address = customer where customer like '%@%';
