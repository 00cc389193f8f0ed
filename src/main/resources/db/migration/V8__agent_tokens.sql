-- Portable SQL: runs on H2 (in PostgreSQL mode) and on PostgreSQL.
-- An agent's API token names its agent (postdesk.agents[i].address): it works that agent's line
-- only, and the agent is who the ticket events name. Null for admin, supervisor and
-- privacy-officer tokens, and for agent tokens issued before (they may read, not work tickets).
alter table api_tokens add column agent varchar(512);
create index tickets_assignee on tickets (assignee);
create index tickets_line on tickets (line);
