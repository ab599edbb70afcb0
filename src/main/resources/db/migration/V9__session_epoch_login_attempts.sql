-- "Log out everywhere": a session started at or before this instant (epoch milliseconds) is over, on every node.
ALTER TABLE account ADD COLUMN sessions_valid_after BIGINT DEFAULT 0 NOT NULL;

-- Each login attempt is written down before its password is checked, and taken back by its id on success.
ALTER TABLE login_failure ADD COLUMN attempt VARCHAR(32);
CREATE INDEX login_failure_by_attempt ON login_failure (attempt);
