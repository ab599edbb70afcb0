/**
 * Backups of the embedded database with the uploaded files, one archive each: on a schedule and on an
 * administrator's request; and their restore, done at start when {@code <data dir>/restore-from} names an archive.
 */
package dossier.backup;
