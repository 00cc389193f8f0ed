-- Portable SQL: runs on H2 (in PostgreSQL mode) and on PostgreSQL.
-- Customer satisfaction by mail (issue 8): one request when a ticket is first solved; the latest
-- rating (1-5) and its comment (as agents may see it: redacted) are kept on the ticket; every
-- rating is also a ticket event (field csat).
alter table tickets add column csat_requested_at timestamp with time zone;
alter table tickets add column csat_rating integer;
alter table tickets add column csat_comment varchar(2000);
alter table tickets add column csat_at timestamp with time zone;
