-- Moderation, personal API tokens and the audit log.
CREATE SEQUENCE api_token_seq START WITH 50 INCREMENT BY 50;
CREATE SEQUENCE comment_report_seq START WITH 50 INCREMENT BY 50;
CREATE SEQUENCE audit_entry_seq START WITH 50 INCREMENT BY 50;

-- Personal API tokens: only a SHA-256 of the token is kept; the token itself is shown once.
CREATE TABLE api_token (
    id          BIGINT       NOT NULL PRIMARY KEY,
    account_id  BIGINT       NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    name        VARCHAR(100) NOT NULL,
    token_hash  VARCHAR(64)  NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at TIMESTAMP WITH TIME ZONE,
    CONSTRAINT api_token_hash_unique UNIQUE (token_hash)
);

CREATE TABLE comment_report (
    id           BIGINT        NOT NULL PRIMARY KEY,
    comment_id   BIGINT        NOT NULL REFERENCES comment (id) ON DELETE CASCADE,
    reporter_id  BIGINT        NOT NULL REFERENCES account (id),
    reason       VARCHAR(1000) NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    resolved     BOOLEAN       NOT NULL
);
CREATE INDEX comment_report_open ON comment_report (resolved, created_at);

CREATE TABLE audit_entry (
    id        BIGINT        NOT NULL PRIMARY KEY,
    actor     VARCHAR(32)   NOT NULL,
    action    VARCHAR(40)   NOT NULL,
    target    VARCHAR(300)  NOT NULL,
    detail    VARCHAR(2000),
    at        TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX audit_entry_at ON audit_entry (at);

ALTER TABLE article ADD COLUMN discussion_locked BOOLEAN DEFAULT FALSE NOT NULL;
