-- Revisions, redirects of renamed articles, staged drafts of live articles, and conflicts of the file sync.
CREATE SEQUENCE article_revision_seq START WITH 50 INCREMENT BY 50;

-- Every save of an article, whole: what it said and how it was filed, by whom, when and why.
CREATE TABLE article_revision (
    id              BIGINT        NOT NULL PRIMARY KEY,
    article_id      BIGINT        NOT NULL REFERENCES article (id) ON DELETE CASCADE,
    revision_number INTEGER       NOT NULL,
    slug            VARCHAR(200)  NOT NULL,
    title           VARCHAR(500)  NOT NULL,
    summary         VARCHAR(2000),
    author          VARCHAR(1000),
    tags            VARCHAR(2000),
    status          VARCHAR(16)   NOT NULL,
    published_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    alias_path      VARCHAR(300),
    markdown        TEXT          NOT NULL,
    editor          VARCHAR(32)   NOT NULL,
    origin          VARCHAR(16)   NOT NULL,
    message         VARCHAR(500),
    applied         BOOLEAN       NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT article_revision_number UNIQUE (article_id, revision_number)
);

-- An old slug answers 301 to the article's current one: one hop, however many renames.
CREATE TABLE article_redirect (
    old_slug    VARCHAR(200) NOT NULL PRIMARY KEY,
    article_id  BIGINT       NOT NULL REFERENCES article (id) ON DELETE CASCADE,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX article_redirect_by_article ON article_redirect (article_id);

-- A live article's saved-but-unpublished revision; whether the browser or API changed it since the last import.
ALTER TABLE article ADD COLUMN staged_revision INTEGER;
ALTER TABLE article ADD COLUMN edited_since_import BOOLEAN DEFAULT FALSE NOT NULL;

-- A content file changed on disk while its article had browser edits: nothing is overwritten until an editor decides.
CREATE TABLE sync_conflict (
    article_id   BIGINT        NOT NULL PRIMARY KEY REFERENCES article (id) ON DELETE CASCADE,
    source_path  VARCHAR(1000) NOT NULL,
    file_hash    VARCHAR(64)   NOT NULL,
    detected_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
