-- The article's text without markup, kept so that the search index can be rebuilt without rendering.
ALTER TABLE article ADD COLUMN plain_text TEXT;
