-- Readers' accounts and their comment threads.
CREATE SEQUENCE account_seq START WITH 50 INCREMENT BY 50;
CREATE SEQUENCE comment_seq START WITH 50 INCREMENT BY 50;

CREATE TABLE account (
    id             BIGINT       NOT NULL PRIMARY KEY,
    username       VARCHAR(32)  NOT NULL,
    email          VARCHAR(254) NOT NULL,
    password_hash  VARCHAR(255) NOT NULL,
    roles          VARCHAR(100) NOT NULL,
    banned         BOOLEAN      NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    version        INTEGER      NOT NULL,
    CONSTRAINT account_username_unique UNIQUE (username)
);

CREATE TABLE comment (
    id               BIGINT      NOT NULL PRIMARY KEY,
    article_id       BIGINT      NOT NULL REFERENCES article (id) ON DELETE CASCADE,
    parent_id        BIGINT      REFERENCES comment (id),
    author_id        BIGINT      NOT NULL REFERENCES account (id),
    markdown         TEXT        NOT NULL,
    status           VARCHAR(16) NOT NULL,
    article_version  INTEGER     NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    edited_at        TIMESTAMP WITH TIME ZONE,
    version          INTEGER     NOT NULL
);
CREATE INDEX comment_by_article ON comment (article_id, created_at);
CREATE INDEX comment_by_author ON comment (author_id, created_at);

-- Earlier texts of edited comments, for moderators.
CREATE TABLE comment_edit (
    comment_id  BIGINT NOT NULL REFERENCES comment (id) ON DELETE CASCADE,
    markdown    TEXT   NOT NULL,
    replaced_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX comment_edit_by_comment ON comment_edit (comment_id);
