/**
 * Full-text search: the Lucene index that follows the change log, the search page and API, the index status for
 * administrators, and related and linking articles for article pages ({@code article.boundary.RelatedArticles}).
 */
package dossier.search;
