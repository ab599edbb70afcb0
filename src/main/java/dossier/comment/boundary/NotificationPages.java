package dossier.comment.boundary;

import dossier.account.boundary.Caller;
import dossier.account.entity.Account;
import dossier.article.boundary.Articles;
import dossier.article.entity.Article;
import dossier.comment.control.UnsubscribeTokens;
import dossier.comment.entity.NotificationSetting;
import dossier.site.control.ReturnAddress;
import dossier.site.control.Roles;
import dossier.site.control.Templates;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * A reader's notification settings ({@code /account/notifications}), following an article from its page, and the
 * unsubscribe link of every notification mail, which works without logging in.
 */
@Path("")
@RequestScoped
@Produces(MediaType.TEXT_HTML + ";charset=utf-8")
public class NotificationPages {

    @Inject
    Subscriptions subscriptions;

    @Inject
    Articles articles;

    @Inject
    Caller caller;

    @Inject
    Templates templates;

    @RolesAllowed(Roles.SESSION)
    @GET
    @Path("account/notifications")
    public Response settings(@QueryParam("saved") String saved) {
        return settingsPage(200, saved != null ? "Your settings are saved." : "", "", null, null);
    }

    @RolesAllowed(Roles.SESSION)
    @POST
    @Path("account/notifications")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response change(@FormParam("delivery") String delivery, @FormParam("follow-on-comment") String followOnComment) {
        Optional<NotificationSetting.Delivery> chosen = delivery(delivery);
        boolean follow = "yes".equals(followOnComment);
        if (chosen.isEmpty()) {
            return settingsPage(400, "", "Choose how notifications reach you: immediately, in a daily digest, or never.", null, follow);
        }
        subscriptions.change(caller.me(), chosen.get(), follow);
        return Response.seeOther(URI.create("/account/notifications?saved")).build();
    }

    @RolesAllowed(Roles.SESSION)
    @POST
    @Path("articles/{slug}/follow")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response follow(@PathParam("slug") String slug, @FormParam("return") String returnTo) {
        Article article = articles.visible(slug, Instant.now()).orElseThrow(NotFoundException::new);
        subscriptions.follow(caller.me(), article, Instant.now());
        return back(returnTo, slug);
    }

    @RolesAllowed(Roles.SESSION)
    @POST
    @Path("articles/{slug}/unfollow")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response unfollow(@PathParam("slug") String slug, @FormParam("return") String returnTo) {
        // Any article, also one no longer published: a reader can always stop following.
        Article article = articles.bySlug(slug).orElseThrow(NotFoundException::new);
        subscriptions.unfollow(caller.me().id(), article.id());
        return back(returnTo, slug);
    }

    /** The link of a mail: a page with one button. Nothing changes on GET, since mail scanners follow links. */
    @GET
    @Path("unsubscribe")
    public Response confirm(@QueryParam("t") String token) {
        return subscriptions.scope(token).map(scope -> unsubscribePage(200, "confirm", token, scope))
                .orElseGet(() -> unsubscribePage(400, "invalid", "", null));
    }

    /**
     * The button of that page, and the one-click POST of RFC 8058 that mail providers send themselves (the token in
     * the address, the body {@code List-Unsubscribe=One-Click}, no cookie, no CSRF token): the signed token is the
     * proof, so the CSRF filter lets this one address through ({@link UnsubscribeLinks}).
     */
    @POST
    @Path("unsubscribe")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response unsubscribe(@QueryParam("t") String inAddress, @FormParam("t") String inForm) {
        return unsubscribe(inForm != null ? inForm : inAddress);
    }

    /** RFC 8058 allows the one-click body as multipart too; only the token in the address counts. */
    @POST
    @Path("unsubscribe")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response unsubscribeMultipart(@QueryParam("t") String inAddress) {
        return unsubscribe(inAddress);
    }

    private Response unsubscribe(String token) {
        return subscriptions.unsubscribe(token).map(scope -> unsubscribePage(200, "done", "", scope))
                .orElseGet(() -> unsubscribePage(400, "invalid", "", null));
    }

    private Response unsubscribePage(int status, String state, String token, UnsubscribeTokens.Scope scope) {
        String article = scope == null || scope.everything() ? "" : subscriptions.article(scope.articleId()).map(Article::title).orElse("");
        UnsubscribeView view = new UnsubscribeView(state, token, scope != null && scope.everything(), article,
                UnsubscribeTokens.wellFormed(token) || !state.equals("invalid"));
        // The address carries a credential: kept by no cache, shared or the browser's.
        return Response.status(status).entity(templates.render(view)).header("Cache-Control", "no-store").build();
    }

    private Response settingsPage(int status, String notice, String error, NotificationSetting.Delivery delivery, Boolean follow) {
        Account me = caller.me();
        NotificationSetting current = subscriptions.of(me);
        NotificationSettingsView view = new NotificationSettingsView(
                (delivery != null ? delivery : current.delivery()).name().toLowerCase(Locale.ROOT),
                follow != null ? follow : current.followOnComment(), subscriptions.followed(me), notice, error,
                me.email());
        return Response.status(status).entity(templates.render(view)).header("Cache-Control", "no-store").build();
    }

    static Optional<NotificationSetting.Delivery> delivery(String value) {
        if (value == null) {
            return Optional.empty();
        }
        return switch (value) {
            case "immediately" -> Optional.of(NotificationSetting.Delivery.IMMEDIATE);
            case "digest" -> Optional.of(NotificationSetting.Delivery.DIGEST);
            case "never" -> Optional.of(NotificationSetting.Delivery.NEVER);
            default -> Optional.empty();
        };
    }

    private static Response back(String returnTo, String slug) {
        String to = returnTo == null || returnTo.isBlank() ? "/articles/" + slug + "#comments" : ReturnAddress.safe(returnTo);
        return Response.seeOther(URI.create(to)).build();
    }
}
