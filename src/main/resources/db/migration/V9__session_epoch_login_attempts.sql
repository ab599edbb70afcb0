-- "Log out everywhere": a session started at or before this instant (epoch milliseconds) is over, on every node.
ALTER TABLE account ADD COLUMN sessions_valid_after BIGINT DEFAULT 0 NOT NULL;

