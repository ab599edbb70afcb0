package dossier.account.entity;

/**
 * An account is being deleted, in the transaction that deletes it (observed synchronously, so what others do about it
 * commits or rolls back with the deletion): {@code removeComments} when its owner asked for its comments to go too,
 * else they stay under "[deleted account]".
 */
public record AccountDeleted(long accountId, boolean removeComments) {
}
