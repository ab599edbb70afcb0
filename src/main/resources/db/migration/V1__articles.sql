-- One schema for H2 and PostgreSQL: only types and syntax both understand.
-- EclipseLink takes a value as the end of a block of 50 ids: the first value must be 50.
CREATE SEQUENCE article_seq START WITH 50 INCREMENT BY 50;
CREATE SEQUENCE tag_seq START WITH 50 INCREMENT BY 50;

CREATE TABLE article (
    id            BIGINT        NOT NULL PRIMARY KEY,
    slug          VARCHAR(200)  NOT NULL,
    title         VARCHAR(500)  NOT NULL,
    summary       VARCHAR(2000),
    author        VARCHAR(1000),
    markdown      TEXT          NOT NULL,
    html          TEXT          NOT NULL,
    outline       TEXT,
    word_count    INTEGER       NOT NULL,
    status        VARCHAR(16)   NOT NULL,
    alias_path    VARCHAR(300),
    published_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    source_path   VARCHAR(1000),
    source_hash   VARCHAR(64),
    version       INTEGER       NOT NULL,
    CONSTRAINT article_slug_unique UNIQUE (slug),
    CONSTRAINT article_alias_unique UNIQUE (alias_path)
);
CREATE INDEX article_listing ON article (status, published_at);

CREATE TABLE tag (
    id    BIGINT       NOT NULL PRIMARY KEY,
    name  VARCHAR(100) NOT NULL,
    CONSTRAINT tag_name_unique UNIQUE (name)
);

CREATE TABLE article_tag (
    article_id BIGINT NOT NULL REFERENCES article (id) ON DELETE CASCADE,
    tag_id     BIGINT NOT NULL REFERENCES tag (id),
    PRIMARY KEY (article_id, tag_id)
);
CREATE INDEX article_tag_by_tag ON article_tag (tag_id);
