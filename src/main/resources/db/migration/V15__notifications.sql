-- Reply, @mention and follow notifications (issue 16).

-- Per reader: how notifications are delivered (IMMEDIATE, DIGEST, NEVER) and whether a first comment under an
-- article follows it. No row: the defaults (immediately; follow on first comment).
CREATE TABLE notification_setting (
    account_id         BIGINT       NOT NULL PRIMARY KEY REFERENCES account (id) ON DELETE CASCADE,
    delivery           VARCHAR(16)  NOT NULL,
    follow_on_comment  BOOLEAN      NOT NULL
);

-- Readers who follow an article: its new comments are mailed to them.
CREATE TABLE article_follow (
    account_id  BIGINT NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    article_id  BIGINT NOT NULL REFERENCES article (id) ON DELETE CASCADE,
    created_ms  BIGINT NOT NULL,
    PRIMARY KEY (account_id, article_id)
);
CREATE INDEX article_follow_by_article ON article_follow (article_id);

-- What a reader on the daily digest would have been mailed about, until the digest goes out.
CREATE TABLE pending_notification (
    account_id  BIGINT      NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    comment_id  BIGINT      NOT NULL REFERENCES comment (id) ON DELETE CASCADE,
    reason      VARCHAR(16) NOT NULL,
    created_ms  BIGINT      NOT NULL,
    PRIMARY KEY (account_id, comment_id)
);

-- A comment that became visible, written in the transaction that made it so; the notifier turns it into mails
-- (or digest lines) for its readers soon after, so that posting costs one row however many readers follow.
CREATE TABLE notification_queue (
    comment_id  BIGINT NOT NULL PRIMARY KEY REFERENCES comment (id) ON DELETE CASCADE,
    queued_ms   BIGINT NOT NULL
);

-- One row: whoever holds its lock turns queued comments into mails and sends the daily digests (once for the
-- whole cluster); and when the digests last went out.
CREATE TABLE notification_clock (
    id              INTEGER NOT NULL PRIMARY KEY,
    last_digest_ms  BIGINT  NOT NULL
);
INSERT INTO notification_clock (id, last_digest_ms) VALUES (1, 0);

-- Secrets the site generates for itself, shared by every node (the key that signs unsubscribe links).
CREATE TABLE site_secret (
    name    VARCHAR(64)  NOT NULL PRIMARY KEY,
    secret  VARCHAR(100) NOT NULL
);

-- RFC 8058: a notification carries the address that unsubscribes its reader with one POST.
ALTER TABLE mail_outbox ADD COLUMN list_unsubscribe VARCHAR(500);
