/** Backups of the embedded database, made by administrators from the browser. */
package dossier.backup;
