-- A comment's HTML, rendered once when it is saved, so that showing a thread never parses Markdown again.
-- Empty for comments saved before: they are rendered when shown, as before.
ALTER TABLE comment ADD COLUMN html TEXT;
