package dossier.comment.control;

import dossier.comment.entity.Comment;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.ListIterator;
import java.util.Deque;
import java.util.Map;

/**
 * Orders the comments of an article as a thread: each top-level comment followed by its replies at any
 * depth, oldest first within a level (or newest first among top-level comments on request), and cuts the
 * thread into pages of whole top-level threads.
 */
public final class CommentThread {

    /** Indentation stops here; deeper replies say whom they answer instead. */
    public static final int MAX_INDENT = 4;
    public static final int PAGE_COMMENTS = 100;

    public record Entry(Comment comment, int depth, String inReplyTo) {
        public int indent() {
            return Math.min(depth, MAX_INDENT);
        }
    }

    public record Page(List<Entry> entries, int page, int pages) {
    }

    private CommentThread() {
    }

    /** Every comment in thread order, unpaged. */
    public static List<Entry> all(List<Comment> comments, boolean newestFirst) {
        return threads(comments, newestFirst).stream().flatMap(List::stream).toList();
    }

    public static Page of(List<Comment> comments, boolean newestFirst, int page) {
        List<List<Entry>> pages = pages(comments, newestFirst);
        int number = Math.min(Math.max(1, page), pages.size());
        return new Page(pages.get(number - 1), number, pages.size());
    }

    /** The number of the page that holds this comment, or 0 when it is not in the thread. */
    public static int pageOf(List<Comment> comments, long id, boolean newestFirst) {
        List<List<Entry>> pages = pages(comments, newestFirst);
        for (int i = 0; i < pages.size(); i++) {
            if (pages.get(i).stream().anyMatch(e -> e.comment().id() == id)) {
                return i + 1;
            }
        }
        return 0;
    }

    /** The thread cut into pages of whole top-level threads, at least one (empty) page. */
    private static List<List<Entry>> pages(List<Comment> comments, boolean newestFirst) {
        List<List<Entry>> pages = new ArrayList<>();
        List<Entry> current = new ArrayList<>();
        for (List<Entry> thread : threads(comments, newestFirst)) {
            if (!current.isEmpty() && current.size() + thread.size() > PAGE_COMMENTS) {
                pages.add(current);
                current = new ArrayList<>();
            }
            current.addAll(thread);
        }
        pages.add(current);
        return pages;
    }

    private static List<List<Entry>> threads(List<Comment> comments, boolean newestFirst) {
        Map<Long, List<Comment>> children = new HashMap<>();
        Map<Long, Comment> byId = new LinkedHashMap<>();
        List<Comment> roots = new ArrayList<>();
        for (Comment c : comments) {
            byId.put(c.id(), c);
        }
        for (Comment c : comments) {
            if (c.parentId() == null || !byId.containsKey(c.parentId())) {
                roots.add(c);
            } else {
                children.computeIfAbsent(c.parentId(), k -> new ArrayList<>()).add(c);
            }
        }
        Comparator<Comment> oldest = Comparator.comparing(Comment::createdAt).thenComparing(Comment::id);
        roots.sort(newestFirst ? oldest.reversed() : oldest);
        children.values().forEach(list -> list.sort(oldest));

        List<List<Entry>> threads = new ArrayList<>();
        for (Comment root : roots) {
            List<Entry> thread = new ArrayList<>();
            walk(root, children, thread);
            threads.add(thread);
        }
        return threads;
    }

    /**
     * Each comment, then its replies depth first, oldest first. With an explicit stack rather than recursion: a
     * thread may be any number of replies deep, and must not overflow the thread that shows it.
     */
    private static void walk(Comment root, Map<Long, List<Comment>> children, List<Entry> out) {
        record Visit(Comment comment, int depth, String parentAuthor) {
        }
        Deque<Visit> stack = new ArrayDeque<>();
        stack.push(new Visit(root, 0, null));
        while (!stack.isEmpty()) {
            Visit v = stack.pop();
            out.add(new Entry(v.comment(), v.depth(), v.depth() > MAX_INDENT ? v.parentAuthor() : null));
            List<Comment> replies = children.getOrDefault(v.comment().id(), List.of());
            // Pushed last first, so that the oldest reply comes off the stack first.
            for (ListIterator<Comment> r = replies.listIterator(replies.size()); r.hasPrevious(); ) {
                stack.push(new Visit(r.previous(), v.depth() + 1, v.comment().author().byline()));
            }
        }
    }
}
