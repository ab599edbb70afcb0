-- Self-service at /account: a display name shown on comments (the username stays the identity), accounts deleted
-- by their owner or an administrator (deleted_at, added in V13: kept as a tombstone row so that kept comments still have an author: its
-- username becomes a placeholder no one can register, its address and password are gone), and links that change
-- an account's address (the address changes only when the link mailed to the new one is used).
ALTER TABLE account ADD COLUMN display_name VARCHAR(60);
ALTER TABLE email_verification ADD COLUMN changes_address BOOLEAN DEFAULT FALSE NOT NULL;
