/** Full-text search over published articles: the Lucene index, its query language, snippets and suggestions. */
package dossier.search.control;
