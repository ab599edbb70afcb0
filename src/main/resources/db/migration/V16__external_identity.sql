-- Sign-in through the organization's identity (issue 18): an account may be linked to identities at outside
-- providers (a directory, an OpenID provider), each known by the provider's own id and the subject the provider
-- gives the person there. One identity belongs to one account; an account may have several.
CREATE SEQUENCE external_identity_seq START WITH 50 INCREMENT BY 50;
CREATE TABLE external_identity (
    id            BIGINT       NOT NULL PRIMARY KEY,
    account_id    BIGINT       NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    provider      VARCHAR(32)  NOT NULL,
    subject       VARCHAR(255) NOT NULL,
    created_ms    BIGINT       NOT NULL,
    last_used_ms  BIGINT       NOT NULL,
    CONSTRAINT external_identity_unique UNIQUE (provider, subject)
);
CREATE INDEX external_identity_by_account ON external_identity (account_id);

-- An outside identity whose verified e-mail address is a local account's: it is linked only after the reader
-- proves that account's password once. The offer is single-use, short-lived, and known by the SHA-256 of a token
-- kept in the reader's browser (no session before a login). The roles the provider's groups give are kept with
-- it, so that the account gets them when the link is made.
CREATE TABLE external_link_offer (
    token_hash    VARCHAR(64)  NOT NULL PRIMARY KEY,
    account_id    BIGINT       NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    provider      VARCHAR(32)  NOT NULL,
    subject       VARCHAR(255) NOT NULL,
    roles         VARCHAR(64)  NOT NULL,
    return_to     VARCHAR(2000) NOT NULL,
    expires_ms    BIGINT       NOT NULL
);
