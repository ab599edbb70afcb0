package dossier.comment.control;

import dossier.account.entity.Account;
import dossier.article.entity.Article;
import dossier.comment.entity.Comment;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class CommentThreadTest {

    private final Article article = new Article("a", Instant.EPOCH);
    private long nextId = 1;

    private Comment comment(Comment parent, String author, long second) {
        Comment c = new Comment(article, parent, new Account(author, author + "@x.org", "h", Instant.EPOCH), "text",
                Instant.EPOCH.plusSeconds(second));
        try {
            Field id = Comment.class.getDeclaredField("id");
            id.setAccessible(true);
            id.set(c, nextId++);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        return c;
    }

    @Test
    void repliesFollowTheirParentAndIndentationStopsAtFour() {
        List<Comment> all = new ArrayList<>();
        Comment parent = comment(null, "root", 0);
        all.add(parent);
        String[] names = {"aaa", "bbb", "ccc", "ddd", "eee", "fff"};
        for (int depth = 1; depth <= 6; depth++) {
            parent = comment(parent, names[depth - 1], depth);
            all.add(parent);
        }
        all.add(comment(null, "later", 100));
        List<CommentThread.Entry> entries = CommentThread.of(all, false, 1).entries();
        assertEquals(List.of(0, 1, 2, 3, 4, 4, 4, 0), entries.stream().map(CommentThread.Entry::indent).toList());
        assertNull(entries.get(4).inReplyTo(), "depth 4 is still indented");
        assertEquals("@ddd", entries.get(5).inReplyTo(), "deeper replies say whom they answer");
        assertEquals("@eee", entries.get(6).inReplyTo());
    }

    @Test
    void aThreadAHundredThousandRepliesDeepIsOrderedWithoutOverflowing() {
        List<Comment> all = new ArrayList<>();
        Comment parent = comment(null, "root", 0);
        all.add(parent);
        for (int depth = 1; depth < 100_000; depth++) {
            parent = comment(parent, depth % 2 == 0 ? "even" : "odd", depth);
            all.add(parent);
        }
        List<CommentThread.Entry> entries = CommentThread.all(all, false);
        assertEquals(100_000, entries.size());
        assertEquals(99_999, entries.get(99_999).depth());
        assertEquals("@even", entries.get(99_999).inReplyTo(), "the last reply answers the one before it");
        assertEquals(all.stream().map(Comment::id).toList(), entries.stream().map(e -> e.comment().id()).toList());
    }

    @Test
    void siblingsAndTheirRepliesKeepTheirOrder() {
        Comment a = comment(null, "alpha", 0);
        Comment a1 = comment(a, "alpha1", 10);
        Comment a2 = comment(a, "alpha2", 5);
        Comment a11 = comment(a1, "alpha11", 20);
        Comment a21 = comment(a2, "alpha21", 30);
        Comment b = comment(null, "bravo", 1);
        List<CommentThread.Entry> entries = CommentThread.all(List.of(a, a1, a2, a11, a21, b), false);
        assertEquals(List.of(a.id(), a2.id(), a21.id(), a1.id(), a11.id(), b.id()),
                entries.stream().map(e -> e.comment().id()).toList());
        assertEquals(List.of(0, 1, 2, 1, 2, 0), entries.stream().map(CommentThread.Entry::depth).toList());
    }

    @Test
    void newestFirstReordersTopLevelCommentsOnly() {
        Comment old = comment(null, "old", 0);
        Comment reply = comment(old, "reply", 50);
        Comment recent = comment(null, "recent", 10);
        List<CommentThread.Entry> entries = CommentThread.of(List.of(old, reply, recent), true, 1).entries();
        assertEquals(List.of(recent.id(), old.id(), reply.id()), entries.stream().map(e -> e.comment().id()).toList());
    }

    @Test
    void longThreadsComeInPagesOfWholeThreads() {
        List<Comment> all = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            Comment root = comment(null, "user", i * 10L);
            all.add(root);
            all.add(comment(root, "user", i * 10L + 1));
        }
        CommentThread.Page first = CommentThread.of(all, false, 1);
        CommentThread.Page last = CommentThread.of(all, false, 99);
        assertEquals(3, first.pages());
        assertEquals(100, first.entries().size());
        assertEquals(3, last.page(), "a page past the end shows the last");
        assertEquals(300, CommentThread.all(all, false).size());
    }

    @Test
    void everyCommentIsOnThePageThatPageOfNames() {
        List<Comment> all = new ArrayList<>();
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 250; i++) {
            Comment parent = all.isEmpty() || random.nextInt(3) == 0 ? null : all.get(random.nextInt(all.size()));
            all.add(comment(parent, "r" + (i % 9) + "xx", i));
        }
        for (boolean newestFirst : new boolean[] {false, true}) {
            assertEquals(3, CommentThread.of(all, newestFirst, 1).pages(), "250 comments fill more than two pages");
            java.util.Set<Integer> pagesSeen = new java.util.HashSet<>();
            for (Comment c : all) {
                int page = CommentThread.pageOf(all, c.id(), newestFirst);
                pagesSeen.add(page);
                assertEquals(true, CommentThread.of(all, newestFirst, page).entries().stream()
                        .anyMatch(e -> e.comment() == c), "comment " + c.id() + " on page " + page);
            }
            assertEquals(java.util.Set.of(1, 2, 3), pagesSeen);
        }
        assertEquals(0, CommentThread.pageOf(all, 99_999, false), "a comment of another thread is on no page");
    }
}
