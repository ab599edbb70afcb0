/**
 * The site: the infrastructure every page and API call runs on, owning no feature of its own. The page cache and
 * what drops its pages ({@code ChangesApplied}), templates (each page rendered from its {@code View}) and what every
 * page shows of its viewer ({@code Viewer}), CSRF tokens, who may call what ({@code Roles}, enforced by
 * {@code RoleCheck}), request body limits (with {@code LargeBodies} for the addresses that take more), security
 * headers, error pages, assets, the database schema and its health. It depends on no other component; the
 * components plug into it.
 */
package dossier.site;
