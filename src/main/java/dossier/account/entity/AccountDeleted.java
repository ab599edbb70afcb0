package dossier.account.entity;

/**
 * An account was deleted, in the transaction that deletes it: the components that keep what it wrote remove that
 * ({@code removeComments}) or keep it under {@link Account#DELETED_NAME}, and drop the pages that showed its name.
 */
public record AccountDeleted(long accountId, boolean removeComments) {
}
