/**
 * Markdown to safe HTML: the renderer for articles and comments (flexmark), the sanitizer, headings and
 * formulas, and the bound on nesting that keeps a hostile text from costing unbounded stack. Knows no feature.
 */
package dossier.markdown;
