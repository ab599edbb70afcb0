-- A change that touched only the text of an article's discussion (a comment edited): the article's own pages
-- change, lists (counts, titles, summaries) do not. Nodes drop only that article's kept pages for it.
ALTER TABLE change_log ADD COLUMN discussion_text BOOLEAN DEFAULT FALSE NOT NULL;
