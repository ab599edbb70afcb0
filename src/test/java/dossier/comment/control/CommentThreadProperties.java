package dossier.comment.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dossier.account.entity.Account;
import dossier.article.entity.Article;
import dossier.comment.entity.Comment;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Any set of comments, however deep its replies or odd its parents, comes out as a thread: every comment once,
 * each reply right under its parent's subtree and one level deeper, the pages whole and within bounds.
 */
class CommentThreadProperties {

    /** A bound on work against a hang, generous for a loaded machine, not a speed target. */
    private static final Duration BOUND = Duration.ofSeconds(10);
    private static final Article ARTICLE = new Article("thread", Instant.EPOCH);
    private static final Account[] AUTHORS = {new Account("alice", "a@x.org", "h", Instant.EPOCH),
            new Account("bob", "b@x.org", "h", Instant.EPOCH)};

    /**
     * Each number says whom a comment answers: negative for nobody, otherwise how many comments back its parent
     * stands (a chain when always 1; a number past the start means a parent that is gone).
     */
    @Provide
    Arbitrary<List<Integer>> shapes() {
        Arbitrary<Integer> back = Arbitraries.oneOf(Arbitraries.just(1), Arbitraries.integers().between(-1, 30),
                Arbitraries.integers().between(1, 100_000));
        Arbitrary<List<Integer>> chain = Arbitraries.integers().between(1, 50_000).map(n -> {
            List<Integer> ones = new ArrayList<>(java.util.Collections.nCopies(n, 1));
            ones.set(0, -1);
            return ones;
        });
        return Arbitraries.oneOf(back.list().ofMaxSize(3_000), chain);
    }

    @Provide
    Arbitrary<Integer> pages() {
        return Arbitraries.oneOf(Arbitraries.integers(), Arbitraries.of(Integer.MAX_VALUE, Integer.MIN_VALUE, 0, 1, 2));
    }

    @Property(tries = 100)
    void everyCommentComesOnceUnderItsParent(@ForAll("shapes") List<Integer> shape, @ForAll boolean newestFirst,
                                             @ForAll("pages") int page) {
        List<Comment> comments = comments(shape);
        assertTimeoutPreemptively(BOUND, () -> {
            List<CommentThread.Entry> entries = CommentThread.all(comments, newestFirst);
            assertEquals(comments.size(), entries.size());
            Map<Long, Integer> depthOf = new HashMap<>();
            for (CommentThread.Entry e : entries) {
                Long parent = e.comment().parentId();
                Integer parentDepth = parent == null ? null : depthOf.get(parent);
                if (parentDepth != null) {
                    assertEquals(parentDepth + 1, e.depth(), "a reply is one level under its parent");
                } else {
                    assertEquals(0, e.depth(), "a comment without a (present) parent starts a thread");
                }
                assertTrue(depthOf.put(e.comment().id(), e.depth()) == null, "each comment once");
            }
            CommentThread.Page shown = CommentThread.of(comments, newestFirst, page);
            assertTrue(shown.page() >= 1 && shown.page() <= shown.pages());
        });
    }

    private static List<Comment> comments(List<Integer> shape) {
        List<Comment> all = new ArrayList<>(shape.size());
        for (int i = 0; i < shape.size(); i++) {
            int back = shape.get(i);
            Comment parent = back < 1 || back > i ? null : all.get(i - back);
            Comment c = new Comment(ARTICLE, parent, AUTHORS[i % 2], "text", Instant.EPOCH.plusSeconds(i % 7));
            setId(c, i + 1L);
            if (back > i) {
                setParentId(c, 1_000_000L + back); // answers a comment that is not in the list
            }
            all.add(c);
        }
        return all;
    }

    private static void setId(Comment c, long id) {
        set(c, "id", id);
    }

    private static void setParentId(Comment c, long id) {
        set(c, "parentId", id);
    }

    private static void set(Comment c, String name, Object value) {
        try {
            Field field = Comment.class.getDeclaredField(name);
            field.setAccessible(true);
            field.set(c, value);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
