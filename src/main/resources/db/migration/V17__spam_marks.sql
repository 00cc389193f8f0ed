-- Portable SQL: runs on H2 (in PostgreSQL mode) and on PostgreSQL.
-- A customer message an agent marked as spam (#spam by mail, POST /api/tickets/{number}/spam).
-- A column, not only an event: it belongs to the message, is shown on it, and goes with it on erasure.
alter table messages add column spam boolean default false not null;
