/** The audit log: who changed what and when, written by the other components, read by editors at /admin/audit. */
package dossier.audit;
