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
        assertEquals("ddd", entries.get(5).inReplyTo(), "deeper replies say whom they answer");
        assertEquals("eee", entries.get(6).inReplyTo());
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
}
