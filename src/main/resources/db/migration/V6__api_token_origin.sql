-- Where each API token came from: 'configured' (postdesk.api.admin-token or
-- postdesk.api.privacy-officer-token; a new configured value replaces the old one), 'generated'
-- (first start without a configured admin token) or 'issued' (POST /api/tokens, by issued_by).
alter table api_tokens add column origin varchar(32) default 'issued' not null;
alter table api_tokens add column issued_by varchar(300);
update api_tokens set origin = 'configured' where name = 'initial admin (postdesk.api.admin-token)';
update api_tokens set origin = 'generated' where name = 'initial admin (generated)';
