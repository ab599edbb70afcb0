/**
 * The discussions under articles: threads, posting and editing, reports, moderation, bans and locks, the readers'
 * public pages. Implements {@code article.boundary.Discussions} for the article pages.
 */
package dossier.comment;
