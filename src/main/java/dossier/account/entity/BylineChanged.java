package dossier.account.entity;

/** How pages show an account as an author ({@link Account#byline()}) changed, in this transaction: its display name. */
public record BylineChanged(long accountId) {
}
