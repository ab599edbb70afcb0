package dossier.comment.boundary;

import dossier.account.boundary.Caller;
import dossier.article.boundary.Discussions;
import dossier.article.entity.Article;
import dossier.markdown.control.MarkdownRenderer;
import dossier.site.control.Templates;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Map;

/** The discussion under an article's page, as this caller sees it (with a refused comment kept in its form). */
@RequestScoped
public class ArticleDiscussions implements Discussions {

    @Inject
    Comments comments;

    @Inject
    Caller caller;

    @Inject
    MarkdownRenderer renderer;

    @Inject
    Templates templates;

    @Inject
    DiscussionForm form;

    @Inject
    Subscriptions subscriptions;

    @Override
    public Part under(Article article, int page, boolean newestFirst) {
        boolean following = caller.account().map(me -> subscriptions.follows(me, article)).orElse(false);
        CommentSection section = CommentSection.of(article, comments.of(article), caller, renderer, page, newestFirst,
                form.draft(), form.parent(), form.error(), following);
        return new Part(section.count(), section.page(), section.hasMath(),
                templates.fragment(section));
    }

    @Override
    public Map<Long, Long> visibleCounts(List<Long> articleIds) {
        return comments.visibleCounts(articleIds);
    }
}
