/**
 * Accounts and who is asking: registration, login and sessions, personal API tokens, the login throttle, the
 * first administrator, roles given and taken, and a reader's own account page (password, address, display name,
 * data export, deletion). Gives every request its groups ({@code site.control.Roles}).
 */
package dossier.account;
