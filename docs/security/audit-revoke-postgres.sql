-- Optional hardening for PostgreSQL (docs/security/audit-format.md, "Who can change the trail").
-- Run once as the database owner after the first start (the audit migration V14 has created the
-- tables), replacing strongroom_app with the role the server connects as. The server never updates
-- or deletes audit entries or checkpoints; with these rights gone, neither can anyone who takes
-- over the application's connection. Flyway must then run as a different (owner) role, or these
-- statements be re-applied after a migration that recreates the tables.
--
-- If the server connects as the owner of the tables, REVOKE has no effect on it: create a separate
-- application role first, e.g.
--   CREATE ROLE strongroom_app LOGIN PASSWORD '...';
--   GRANT USAGE ON SCHEMA public TO strongroom_app;
--   GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO strongroom_app;
-- and set spring.flyway.user / spring.flyway.password to the owner role.

REVOKE UPDATE, DELETE, TRUNCATE ON audit_entry, audit_checkpoint FROM strongroom_app;
GRANT SELECT, INSERT ON audit_entry, audit_checkpoint TO strongroom_app;
-- The chain head is a single row the appender locks and moves on every append: it keeps UPDATE
-- (it is only a lock and a hint; the verifier trusts nothing in it but its sequence number).
REVOKE DELETE, TRUNCATE ON audit_head FROM strongroom_app;
GRANT SELECT, UPDATE ON audit_head TO strongroom_app;
