-- The outbox: a mail is a row written in the transaction of the change that causes it, so a change that rolls
-- back sends nothing. A sender on any node claims due rows (under the lock of the mail_sender row), delivers
-- them and marks them sent; a failure waits longer each time, and in the end the mail is marked failed.
CREATE SEQUENCE mail_seq START WITH 50 INCREMENT BY 50;
CREATE TABLE mail_outbox (
    id               BIGINT        NOT NULL PRIMARY KEY,
    recipient        VARCHAR(254)  NOT NULL,
    subject          VARCHAR(200)  NOT NULL,
    text_body        TEXT          NOT NULL,
    html_body        TEXT          NOT NULL,
    message_id       VARCHAR(200)  NOT NULL,
    status           VARCHAR(16)   NOT NULL,
    attempts         INTEGER       NOT NULL,
    -- When the next attempt may start (epoch ms); a claim moves it past the claim's lease.
    next_attempt_ms  BIGINT        NOT NULL,
    claimed_by       VARCHAR(64),
    last_error       VARCHAR(500),
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    sent_at          TIMESTAMP WITH TIME ZONE,
    CONSTRAINT mail_outbox_message_id_unique UNIQUE (message_id)
);
CREATE INDEX mail_outbox_due ON mail_outbox (status, next_attempt_ms);

-- One row: whoever holds its lock claims mails (once for the whole cluster).
CREATE TABLE mail_sender (
    id             INTEGER NOT NULL PRIMARY KEY,
    last_claim_ms  BIGINT  NOT NULL
);
INSERT INTO mail_sender (id, last_claim_ms) VALUES (1, 0);

-- A reader's e-mail address, confirmed through a single-use link (only the link token's SHA-256 is kept).
ALTER TABLE account ADD COLUMN email_verified_at TIMESTAMP WITH TIME ZONE;
CREATE TABLE email_verification (
    token_hash  VARCHAR(64) NOT NULL PRIMARY KEY,
    account_id  BIGINT      NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    email       VARCHAR(254) NOT NULL,
    created_ms  BIGINT      NOT NULL,
    expires_ms  BIGINT      NOT NULL,
    used_ms     BIGINT
);
CREATE INDEX email_verification_by_account ON email_verification (account_id, created_ms);

-- Registrations per client address, counted across nodes (written before the password is hashed).
CREATE TABLE registration_attempt (
    address_key   VARCHAR(100) NOT NULL,
    attempted_ms  BIGINT       NOT NULL,
    attempt       VARCHAR(32)  NOT NULL
);
CREATE INDEX registration_attempt_by_key ON registration_attempt (address_key, attempted_ms);
CREATE INDEX registration_attempt_by_attempt ON registration_attempt (attempt);
