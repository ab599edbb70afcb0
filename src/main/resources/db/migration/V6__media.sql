-- Uploaded images and documents. The bytes are files under <data dir>/media, named by their SHA-256.
CREATE TABLE media (
    hash           VARCHAR(64)  NOT NULL PRIMARY KEY,
    media_type     VARCHAR(100) NOT NULL,
    extension      VARCHAR(10)  NOT NULL,
    size_bytes     BIGINT       NOT NULL,
    original_name  VARCHAR(300) NOT NULL,
    uploaded_by    VARCHAR(32)  NOT NULL,
    uploaded_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX media_uploaded_at ON media (uploaded_at);
