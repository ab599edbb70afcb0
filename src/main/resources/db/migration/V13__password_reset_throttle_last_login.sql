-- Forgotten passwords: a single-use link (only its token's SHA-256 is kept), valid 30 minutes. requested_by names
-- the administrator who made it from /admin/users; NULL when the reader asked at /forgot.
CREATE TABLE password_reset (
    token_hash    VARCHAR(64)  NOT NULL PRIMARY KEY,
    account_id    BIGINT       NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    requested_by  VARCHAR(32),
    created_ms    BIGINT       NOT NULL,
    expires_ms    BIGINT       NOT NULL,
    used_ms       BIGINT
);
CREATE INDEX password_reset_by_account ON password_reset (account_id, created_ms);

-- The registration limit's table counts every hourly limit now (registrations, forgotten-password requests per
-- address and per address typed), each under its scope. Rows live an hour: renamed, none lost.
ALTER TABLE registration_attempt RENAME TO throttle_attempt;
ALTER TABLE throttle_attempt RENAME COLUMN address_key TO throttle_key;
ALTER TABLE throttle_attempt ADD COLUMN scope VARCHAR(16) DEFAULT 'register' NOT NULL;
DROP INDEX registration_attempt_by_key;
DROP INDEX registration_attempt_by_attempt;
CREATE INDEX throttle_attempt_by_key ON throttle_attempt (scope, throttle_key, attempted_ms);
CREATE INDEX throttle_attempt_by_attempt ON throttle_attempt (attempt);

-- For administrators (/admin/users): when the account last logged in with its password; NULL: never since this
-- column exists. An account deleted by an administrator (or by its owner) stays as a tombstone, so that its
-- comments keep their place in threads: deleted_at is then set and nothing identifies the person any more.
ALTER TABLE account ADD COLUMN last_login_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE account ADD COLUMN deleted_at TIMESTAMP WITH TIME ZONE;
