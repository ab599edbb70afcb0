package dossier.mail.entity;

/** Fired when a mail joins the outbox; once its transaction commits, the sender of this node looks at once. */
public record MailQueued(long id) {
}
