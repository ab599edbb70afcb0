package dossier.account.boundary;

import dossier.account.entity.Account;

/**
 * What another component keeps of an account, for "download my data" ({@code /account/export}): the comment
 * component implements it without the account component knowing comments. The value is written by JSON-B as the
 * member {@link #name()} of the export, and may be read lazily (a collection that pages through the database while
 * it is written), so that an account with very many rows is streamed, not held in memory.
 */
public interface PersonalData {

    String name();

    Object of(Account account);
}
