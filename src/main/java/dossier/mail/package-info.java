/**
 * Mail: the outbox (a mail is a row of the transaction that causes it), its sender (claims, retries with growing
 * waits, once for the whole cluster), the mail templates and the administrators' view of the outbox. Knows no
 * feature: others hand it a recipient, a subject and a template with its values.
 */
package dossier.mail;
