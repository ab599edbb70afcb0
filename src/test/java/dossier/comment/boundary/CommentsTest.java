package dossier.comment.boundary;

import dossier.account.entity.Account;
import dossier.article.entity.Article;
import dossier.article.entity.Body;
import dossier.article.entity.Status;
import dossier.article.entity.ArticlesChanged;
import dossier.audit.boundary.AuditLogs;
import dossier.testing.Events;
import dossier.comment.entity.Comment;
import dossier.testing.Databases;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.ForbiddenException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rules of discussion against a real (in-memory H2) database, outside the container. */
class CommentsTest {

    private EntityManagerFactory emf;
    private EntityManager em;
    private Comments cut;
    private Moderation moderation;
    private Article article;
    private Account reader;
    private Account editor;
    private final Events<ArticlesChanged> changes = new Events<>();

    @BeforeEach
    void open() {
        emf = Databases.open(Databases.freshH2());
        em = emf.createEntityManager();
        cut = new Comments();
        cut.em = em;
        cut.audit = AuditLogs.on(em);
        cut.changed = changes;
        cut.renderer = new dossier.markdown.control.MarkdownRenderer();
        cut.notifications = new Notifications();
        cut.notifications.em = em;
        moderation = new Moderation();
        moderation.em = em;
        moderation.audit = cut.audit;
        moderation.changed = changes;
        moderation.comments = cut;
        moderation.notifications = cut.notifications;
        Instant now = Instant.now();
        inTx(() -> {
            article = new Article("thread", now);
            article.write("Thread", "text", new Body("<p>text</p>", List.of(), "text", 1), now);
            article.schedule(Status.PUBLISHED, now.minusSeconds(60));
            em.persist(article);
            reader = new Account("reader", "r@example.org", "x", now);
            editor = new Account("editor", "e@example.org", "x", now);
            editor.grant(Account.EDITOR);
            em.persist(reader);
            em.persist(editor);
            return null;
        });
    }

    @AfterEach
    void close() {
        em.close();
        emf.close();
    }

    private <T> T inTx(Supplier<T> work) {
        return dossier.testing.Transactions.inTransaction(em, work);
    }

    @Test
    void withPreModerationAReadersFirstCommentWaitsForApproval() {
        cut.premoderateFirst = true;
        Comment first = inTx(() -> cut.post(article, reader, "My first comment", null));
        assertEquals(Comment.Status.PENDING, first.status());
        assertEquals(List.of(first.id()), moderation.pending().stream().map(Comment::id).toList());
        assertEquals(0L, cut.visibleCounts(List.of(article.id())).getOrDefault(article.id(), 0L), "not counted yet");

        inTx(() -> moderation.approve(first.id(), editor));
        assertEquals(Comment.Status.VISIBLE, em.find(Comment.class, first.id()).status());
        assertTrue(changes.fired.stream().allMatch(e -> e.ids().equals(List.of(article.id()))), "search re-indexes the article");
        Comment second = inTx(() -> cut.post(article, reader, "My second comment", null));
        assertEquals(Comment.Status.VISIBLE, second.status(), "only the first waits");
        assertTrue(moderation.pending().isEmpty());
        assertEquals(2, cut.posted.getCount(), "both are posted comments");
        assertEquals(1, cut.held.getCount(), "the first was held");
    }

    @Test
    void refusedCommentsAreNotCountedAndReportsAre() {
        Comment c = inTx(() -> cut.post(article, reader, "Some text", null));
        assertThrows(jakarta.ws.rs.BadRequestException.class, () -> inTx(() -> cut.post(article, reader, ">".repeat(1_000), null)));
        assertEquals(1, cut.posted.getCount(), "only the comment taken");
        assertEquals(0, cut.held.getCount());
        assertThrows(jakarta.ws.rs.BadRequestException.class, () -> inTx(() -> {
            moderation.report(c.id(), editor, "");
            return null;
        }));
        inTx(() -> {
            moderation.report(c.id(), editor, "Off topic");
            return null;
        });
        assertEquals(1, moderation.reported.getCount(), "the report taken, not the one without a reason");
    }

    @Test
    void aCommentIsRenderedOnceWhenSavedAndAgainWhenEdited() {
        Comment c = inTx(() -> cut.post(article, reader, "Some **bold** text", null));
        assertTrue(em.find(Comment.class, c.id()).html().contains("<strong>bold</strong>"), c.html());
        inTx(() -> cut.edit(c.id(), reader, "Now *emphasised*"));
        em.clear();
        assertTrue(em.find(Comment.class, c.id()).html().contains("<em>emphasised</em>"));
    }

    @Test
    void aCommentNestingTooDeeplyIsRefusedWithAReasonAndNothingIsStored() {
        long before = cut.of(article).size();
        for (String hostile : List.of(">".repeat(1_000), "- ".repeat(500) + "x", "*a ".repeat(1_500) + "b" + " c*".repeat(1_500))) {
            jakarta.ws.rs.BadRequestException refused = assertThrows(jakarta.ws.rs.BadRequestException.class,
                    () -> inTx(() -> cut.post(article, reader, hostile, null)));
            assertTrue(refused.getMessage().contains("levels deep"), refused.getMessage());
        }
        assertEquals(before, cut.of(article).size(), "nothing stored");
        Comment c = inTx(() -> cut.post(article, reader, "harmless", null));
        assertThrows(jakarta.ws.rs.BadRequestException.class, () -> inTx(() -> cut.edit(c.id(), reader, ">".repeat(1_000))));
        em.clear();
        assertEquals("harmless", em.find(Comment.class, c.id()).markdown(), "the edit was not stored");
    }

    @Test
    void withoutPreModerationCommentsAppearAtOnce() {
        assertEquals(Comment.Status.VISIBLE, inTx(() -> cut.post(article, reader, "Hello", null)).status());
    }

    @Test
    void theSixthCommentInAMinuteIsRefusedButEditorsAreNotLimited() {
        for (int i = 0; i < Comments.PER_MINUTE; i++) {
            int n = i;
            inTx(() -> cut.post(article, reader, "comment " + n, null));
        }
        ClientErrorException refused = assertThrows(ClientErrorException.class,
                () -> inTx(() -> cut.post(article, reader, "one too many", null)));
        assertEquals(429, refused.getResponse().getStatus());
        for (int i = 0; i < 10; i++) {
            int n = i;
            inTx(() -> cut.post(article, editor, "editor " + n, null));
        }
    }

    @Test
    void aLockedDiscussionIsClosedToReaders() {
        inTx(() -> {
            moderation.lock(article, editor, true);
            return null;
        });
        assertThrows(ForbiddenException.class, () -> inTx(() -> cut.post(article, reader, "after lock", null)));
        inTx(() -> {
            moderation.lock(article, editor, false);
            return null;
        });
        inTx(() -> cut.post(article, reader, "after unlock", null));
        assertTrue(AuditLogs.on(em).recent(10).stream()
                .anyMatch(e -> e.action().equals("discussion.lock") && e.actor().equals("editor")));
    }

    @Test
    void editsKeepEarlierTextsAndDeletionKeepsThePlace() {
        Comment c = inTx(() -> cut.post(article, reader, "first text", null));
        Comment reply = inTx(() -> cut.post(article, editor, "a reply", c.id()));
        inTx(() -> cut.edit(c.id(), reader, "second text"));
        assertThrows(ForbiddenException.class, () -> inTx(() -> cut.edit(reply.id(), reader, "not mine")));
        inTx(() -> cut.delete(c.id(), reader));
        em.clear();
        Comment stored = em.find(Comment.class, c.id());
        assertEquals(Comment.Status.DELETED, stored.status());
        assertEquals(List.of("first text"), stored.earlierTexts().stream().map(Comment.EarlierText::markdown).toList());
        assertEquals(c.id(), em.find(Comment.class, reply.id()).parentId(), "the reply keeps its place");
    }

    @Test
    void aProfileListsOnlyCommentsUnderArticlesReadersCanReadNow() {
        Instant now = Instant.now();
        Article draft = inTx(() -> {
            Article a = new Article("still-a-draft", now);
            a.write("Unannounced", "text", new Body("<p>text</p>", List.of(), "text", 1), now);
            a.schedule(Status.PUBLISHED, now.minusSeconds(60));
            em.persist(a);
            return a;
        });
        inTx(() -> cut.post(article, reader, "on the live article", null));
        inTx(() -> cut.post(draft, reader, "on the article before it went back", null));
        inTx(() -> {
            em.find(Article.class, draft.id()).schedule(Status.DRAFT, now);
            return null;
        });
        assertEquals(List.of("on the live article"), cut.by(reader, 50).stream().map(Comment::markdown).toList());

        inTx(() -> {
            em.find(Article.class, draft.id()).schedule(Status.UNPUBLISHED, now.minusSeconds(30));
            return null;
        });
        assertEquals(List.of("on the live article"), cut.by(reader, 50).stream().map(Comment::markdown).toList(),
                "withdrawn articles are not listed either");

        inTx(() -> {
            em.find(Article.class, draft.id()).schedule(Status.PUBLISHED, now.plusSeconds(3600));
            return null;
        });
        assertEquals(List.of("on the live article"), cut.by(reader, 50).stream().map(Comment::markdown).toList(),
                "nor scheduled ones");
    }
}
