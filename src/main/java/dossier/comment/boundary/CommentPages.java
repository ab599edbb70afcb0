package dossier.comment.boundary;

import dossier.site.control.Roles;
import jakarta.annotation.security.RolesAllowed;
import dossier.account.boundary.Accounts;
import dossier.account.boundary.Caller;
import dossier.account.entity.Account;
import dossier.article.boundary.ArticlePages;
import dossier.article.boundary.Articles;
import dossier.article.entity.Article;
import dossier.comment.entity.Comment;
import dossier.site.control.Templates;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.time.Instant;

/**
 * The comment forms of the article page, for browsers without JavaScript: each answers 303 back to the
 * thread, or, when refused, the article page again with the reason and the reader's text kept.
 */
@Path("")
@RequestScoped
@Produces(MediaType.TEXT_HTML + ";charset=utf-8")
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
public class CommentPages {

    @Inject
    Comments comments;

    @Inject
    Moderation moderation;

    @Inject
    Articles articles;

    @Inject
    Accounts accounts;

    @Inject
    Caller caller;

    @Inject
    ArticlePages pages;

    @Inject
    Templates templates;

    @Inject
    DiscussionForm form;

    /** The comment forms keep the API's rules of a comment's text ({@link CommentsResource.Draft}). */
    @Inject
    Validator validator;

    @RolesAllowed(Roles.READER)
    @POST
    @Path("articles/{slug}/comments")
    public Response post(@PathParam("slug") String slug, @FormParam("body") String body, @FormParam("parentId") Long parentId) {
        Article article = articles.visible(slug, Instant.now()).orElseThrow(NotFoundException::new);
        String invalid = invalid(body, parentId);
        if (invalid != null) {
            form.refused(body, parentId, invalid);
            return Response.status(400).entity(pages.page(article, 1, false)).build();
        }
        try {
            Comment comment = comments.post(article, caller.me(), body, parentId);
            return backTo(comment);
        } catch (WebApplicationException refused) {
            form.refused(body, parentId, reason(refused));
            Response.ResponseBuilder answer = Response.status(refused.getResponse().getStatus())
                    .entity(pages.page(article, 1, false));
            refused.getResponse().getHeaders().forEach((k, v) -> {
                if (k.equalsIgnoreCase("Retry-After")) {
                    answer.header(k, v.get(0));
                }
            });
            return answer.build();
        }
    }

    /**
     * A comment's permanent address: answers with the page of its discussion that holds it now (threads grow, so
     * the page changes). A comment this caller may not see, or under an article they may not read, is not found.
     */
    @GET
    @Path("comments/{id: [0-9]+}")
    public Response permalink(@PathParam("id") long id) {
        Comment comment = comments.existing(id);
        Account me = caller.account().orElse(null);
        boolean editor = caller.isEditor();
        if (!comment.isShownTo(me, editor) || !(comment.article().isVisibleAt(Instant.now()) || editor)) {
            throw new NotFoundException();
        }
        return Response.seeOther(URI.create(comments.location(comment))).header("Cache-Control", "no-store").build();
    }

    @RolesAllowed(Roles.READER)
    @GET
    @Path("comments/{id: [0-9]+}/edit")
    public String editForm(@PathParam("id") long id) {
        Account me = requireAccount();
        Comment comment = comments.existing(id);
        if (!comment.isWrittenBy(me) && !me.isEditor()) {
            throw new ForbiddenException("Only its author can edit this comment.");
        }
        return editPage(comment, comment.markdown(), "");
    }

    @RolesAllowed(Roles.READER)
    @POST
    @Path("comments/{id: [0-9]+}/edit")
    public Response edit(@PathParam("id") long id, @FormParam("body") String body) {
        Account me = requireAccount();
        String invalid = invalid(body, null);
        if (invalid != null) {
            return Response.status(400).entity(editPage(comments.existing(id), body, invalid)).build();
        }
        try {
            Comment comment = comments.edit(id, me, body);
            return backTo(comment);
        } catch (jakarta.ws.rs.BadRequestException refused) {
            return Response.status(400).entity(editPage(comments.existing(id), body, reason(refused))).build();
        }
    }

    @RolesAllowed(Roles.ANY_ACCOUNT)
    @POST
    @Path("comments/{id: [0-9]+}/delete")
    public Response delete(@PathParam("id") long id) {
        Comment comment = comments.delete(id, requireAccount());
        return backTo(comment);
    }

    @RolesAllowed(Roles.EDITOR)
    @POST
    @Path("comments/{id: [0-9]+}/hide")
    public Response hide(@PathParam("id") long id) {
        Comment comment = moderation.moderate(id, requireAccount(), true);
        return backTo(comment);
    }

    @RolesAllowed(Roles.EDITOR)
    @POST
    @Path("comments/{id: [0-9]+}/restore")
    public Response restore(@PathParam("id") long id) {
        Comment comment = moderation.moderate(id, requireAccount(), false);
        return backTo(comment);
    }

    @RolesAllowed(Roles.EDITOR)
    @POST
    @Path("comments/{id: [0-9]+}/approve")
    public Response approve(@PathParam("id") long id, @FormParam("return") String returnTo) {
        Comment comment = moderation.approve(id, requireAccount());
        return returnTo != null && returnTo.equals("/admin/comments")
                ? Response.seeOther(URI.create(returnTo)).build() : backTo(comment);
    }

    @RolesAllowed(Roles.EDITOR)
    @POST
    @Path("comments/{id: [0-9]+}/dismiss-reports")
    public Response dismiss(@PathParam("id") long id) {
        moderation.dismissReports(id, requireAccount());
        return Response.seeOther(URI.create("/admin/comments")).build();
    }

    @RolesAllowed(Roles.READER)
    @GET
    @Path("comments/{id: [0-9]+}/report")
    public String reportForm(@PathParam("id") long id) {
        Comment comment = moderation.reportable(id, requireAccount());
        return templates.render(new CommentReportView(id, comment.article().slug(), "", ""));
    }

    @RolesAllowed(Roles.READER)
    @POST
    @Path("comments/{id: [0-9]+}/report")
    public Response report(@PathParam("id") long id, @FormParam("reason") String reason) {
        Account me = requireAccount();
        Comment comment = moderation.reportable(id, me);
        try {
            moderation.report(id, me, reason);
        } catch (NotFoundException gone) {
            throw gone;
        } catch (jakarta.ws.rs.ClientErrorException refused) {
            // Refused (no reason given, too many open reports, a ban): the form again, with the reason kept.
            return Response.status(refused.getResponse().getStatus()).entity(templates.render(new CommentReportView(id,
                    comment.article().slug(), reason == null ? "" : reason, reason(refused)))).build();
        }
        return backTo(comment);
    }

    @RolesAllowed(Roles.EDITOR)
    @POST
    @Path("articles/{slug}/lock")
    public Response lock(@PathParam("slug") String slug) {
        return lock(slug, true);
    }

    @RolesAllowed(Roles.EDITOR)
    @POST
    @Path("articles/{slug}/unlock")
    public Response unlock(@PathParam("slug") String slug) {
        return lock(slug, false);
    }

    private Response lock(String slug, boolean locked) {
        Article article = articles.visible(slug, Instant.now()).orElseThrow(NotFoundException::new);
        moderation.lock(article, requireAccount(), locked);
        return Response.seeOther(URI.create("/articles/" + slug + "#comments")).build();
    }

    @RolesAllowed(Roles.EDITOR)
    @POST
    @Path("users/{name}/ban")
    public Response ban(@PathParam("name") String name, @FormParam("return") String returnTo) {
        return setBanned(name, true, returnTo);
    }

    @RolesAllowed(Roles.EDITOR)
    @POST
    @Path("users/{name}/unban")
    public Response unban(@PathParam("name") String name, @FormParam("return") String returnTo) {
        return setBanned(name, false, returnTo);
    }

    private Response setBanned(String name, boolean banned, String returnTo) {
        accounts.setBanned(requireAccount(), name, banned);
        return Response.seeOther(URI.create(dossier.site.control.ReturnAddress.safe(returnTo))).build();
    }

    /** What is wrong with this text as a comment, or null. */
    private String invalid(String body, Long parentId) {
        return validator.validate(new CommentsResource.Draft(body, parentId)).stream()
                .map(ConstraintViolation::getMessage).sorted().findFirst().orElse(null);
    }

    private String editPage(Comment comment, String text, String error) {
        return templates.render(new CommentEditView(comment.id(), comment.article().slug(), text == null ? "" : text,
                error));
    }

    private Account requireAccount() {
        return caller.me();
    }

    /** Back to the comment, on the page of the discussion that holds it. */
    private Response backTo(Comment comment) {
        return Response.seeOther(URI.create(comments.location(comment))).build();
    }

    static String reason(WebApplicationException e) {
        Object entity = e.getResponse().getEntity();
        if (entity instanceof String s && !s.isBlank()) {
            return s;
        }
        String message = e.getMessage();
        return message == null || message.startsWith("HTTP ") ? "The comment could not be posted." : message;
    }
}
