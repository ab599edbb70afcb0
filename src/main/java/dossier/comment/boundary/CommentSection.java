package dossier.comment.boundary;

import dossier.account.boundary.Caller;
import dossier.account.entity.Account;
import dossier.article.entity.Article;
import dossier.comment.control.CommentThread;
import dossier.comment.entity.Comment;
import dossier.markdown.control.MarkdownRenderer;
import dossier.site.control.Roles;
import dossier.site.control.View;

import java.util.ArrayList;
import java.util.List;

/**
 * The discussion under an article as the page shows it to this caller, with the reader's unsent text and
 * the reason it was refused when a post failed.
 */
public record CommentSection(String slug, long count, List<CommentView> comments, int page, int pages,
                             boolean newestFirst, boolean loggedIn, boolean mayPost, boolean moderator, boolean locked,
                             String csrfToken, String draft, Long draftParent, String error, boolean verifyFirst,
                             boolean following) implements View {

    /** Whether a comment on this page has a formula, so that the page loads the typesetter. */
    public boolean hasMath() {
        return comments.stream().anyMatch(c -> c.html() != null && c.html().contains("class=\"math "));
    }


    @Override
    public String template() {
        return "partials/discussion.jte";
    }

    public static CommentSection of(Article article, List<Comment> all, Caller caller, MarkdownRenderer renderer,
                                    int page, boolean newestFirst, String draft, Long draftParent, String error) {
        return of(article, all, caller, renderer, page, newestFirst, draft, draftParent, error, false);
    }

    /** With whether the caller follows the article (its new comments are mailed to them). */
    public static CommentSection of(Article article, List<Comment> all, Caller caller, MarkdownRenderer renderer,
                                    int page, boolean newestFirst, String draft, Long draftParent, String error,
                                    boolean following) {
        Account me = caller.account().orElse(null);
        // A reader whose address the site still waits to see confirmed reads, and is shown how to confirm it.
        boolean verifyFirst = caller.awaitsVerification();
        boolean moderator = caller.isEditor();
        CommentThread.Page thread = CommentThread.of(all, newestFirst, page);
        List<CommentView> views = new ArrayList<>();
        for (CommentThread.Entry e : thread.entries()) {
            Comment c = e.comment();
            views.add(view(c, e.indent(), e.inReplyTo(), article, me, moderator, renderer));
        }
        long count = all.stream().filter(c -> c.status() == Comment.Status.VISIBLE).count();
        return new CommentSection(article.slug(), count, views, thread.page(), thread.pages(), newestFirst,
                me != null, caller.hasRole(Roles.READER) && !article.isDiscussionLocked(), moderator,
                article.isDiscussionLocked(), me != null ? caller.csrfToken() : null,
                draft == null ? "" : draft, draftParent, error, verifyFirst, following);
    }

    /** The comment's saved HTML; comments saved before it was kept are rendered now, or shown as text. */
    public static String html(Comment c, MarkdownRenderer renderer) {
        return c.html() != null ? c.html() : renderer.commentHtmlOrText(c.markdown());
    }

    static CommentView view(Comment c, int indent, String inReplyTo, Article article, Account me, boolean moderator,
                            MarkdownRenderer renderer) {
        boolean mine = c.isWrittenBy(me);
        boolean show = c.isShownTo(me, moderator);
        List<String> earlier = moderator && c.editedAt() != null
                ? c.earlierTexts().stream().map(Comment.EarlierText::markdown).toList() : List.of();
        return new CommentView(c.id(), c.parentId(), c.author().isDeleted() ? null : c.author().username(), c.author().byline(),
                show ? html(c, renderer) : null,
                c.createdAt(), c.editedAt(), c.status().name(), indent, inReplyTo,
                c.predates(article), mine, earlier);
    }
}
