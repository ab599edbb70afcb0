/**
 * Articles: reading pages (home, tags, aliases, feeds, sitemap), the editor with revisions, the import of the
 * content folder, publishing and its cluster clock, and the change log every node follows. What other components
 * add to an article page comes through {@code Discussions} and {@code RelatedArticles}, which they implement.
 */
package dossier.article;
