-- SealDesk on a shared PostgreSQL: what each console login may do (issue 17, item 5).
--
-- Run as the role that owns the SealDesk database and ran its migrations (for example
-- `psql -U sealdesk_owner -d sealdesk -f console_roles.sql`), after every schema upgrade.
-- It is idempotent. Then give each person their own login in the console group:
--
--     CREATE ROLE ada LOGIN PASSWORD '...' IN ROLE sealdesk_console;
--
-- and put that login in the person's own database URL (config.toml, storage.database_url).
-- Console logins never own tables and never run migrations: the owner upgrades the schema
-- (start SealDesk once with the owner's URL after an update), then runs this file again.
--
-- What it guarantees, enforced by the server whatever the console does:
--   * the audit log (audit_entries, audit_checkpoints, audit_subtrees) can be read and appended
--     to, never changed: no UPDATE, DELETE or TRUNCATE is granted;
--   * a trigger refuses UPDATE, DELETE and TRUNCATE of audit_entries for every role, the owner
--     included (only a superuser can disable triggers; that is the DBA the anchors catch);
--   * no console login can change the schema (no CREATE, no DDL), and nothing is deleted
--     anywhere: SealDesk never deletes rows, so no DELETE is granted on any table.
-- What it does not guarantee: the other tables (roles, custodians, proposals, ...) are
-- writable by every console login, because consoles write them. Authority never comes from
-- those rows: quorum, custodians and policy are proven from signed statements in the log at
-- the moment of use, and a row that disagrees stops the action (README, "Key rotation").

DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'sealdesk_console') THEN
        CREATE ROLE sealdesk_console NOLOGIN;
    END IF;
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO sealdesk_console', current_database());
END
$$;

REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO sealdesk_console;

-- Start from nothing, then grant what the console needs.
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM sealdesk_console;
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC;
GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO sealdesk_console;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO sealdesk_console;

-- The audit log: append and read only. audit_head (the chain head, locked and moved by every
-- append) keeps UPDATE; it holds nothing the entries do not prove.
REVOKE UPDATE, DELETE, TRUNCATE ON audit_entries, audit_checkpoints, audit_subtrees
    FROM sealdesk_console;
GRANT SELECT, INSERT ON audit_entries, audit_checkpoints, audit_subtrees TO sealdesk_console;

-- Belt and braces: the append-only rule also holds against the table owner.
CREATE OR REPLACE FUNCTION sealdesk_audit_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_entries is append-only: % refused for %', TG_OP, current_user
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'The SealDesk audit log is never changed; see README "Roles".';
END
$$;

DROP TRIGGER IF EXISTS audit_entries_append_only ON audit_entries;
CREATE TRIGGER audit_entries_append_only
    BEFORE UPDATE OR DELETE ON audit_entries
    FOR EACH ROW EXECUTE FUNCTION sealdesk_audit_append_only();

DROP TRIGGER IF EXISTS audit_entries_no_truncate ON audit_entries;
CREATE TRIGGER audit_entries_no_truncate
    BEFORE TRUNCATE ON audit_entries
    FOR EACH STATEMENT EXECUTE FUNCTION sealdesk_audit_append_only();
