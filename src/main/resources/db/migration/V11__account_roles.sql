-- An account's roles as rows instead of a comma-separated string: queried by equality, never by LIKE.
CREATE TABLE account_role (
    account_id  BIGINT      NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    role        VARCHAR(16) NOT NULL,
    CONSTRAINT account_role_pk PRIMARY KEY (account_id, role)
);
INSERT INTO account_role (account_id, role) SELECT id, 'reader' FROM account WHERE roles LIKE '%reader%';
INSERT INTO account_role (account_id, role) SELECT id, 'editor' FROM account WHERE roles LIKE '%editor%';
INSERT INTO account_role (account_id, role) SELECT id, 'admin' FROM account WHERE roles LIKE '%admin%';
ALTER TABLE account DROP COLUMN roles;
