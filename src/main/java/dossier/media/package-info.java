/** Images and documents uploaded by editors: stored by content hash, served with safe types, size-limited. */
package dossier.media;
