package dossier.comment.control;

import dossier.account.entity.Account;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The readers a comment names with {@code @username}: usernames as accounts have them ({@link Account#isValidUsername}),
 * not inside code (a Java annotation is no mention) nor inside an e-mail address, at most {@link #MAX} distinct
 * names per comment, so one comment cannot mail the whole site.
 */
public final class Mentions {

    /** Names counted per comment; the ones after are ignored. */
    public static final int MAX = 10;
    private static final Pattern FENCED = Pattern.compile("(?ms)^\\s{0,3}(```|~~~).*?(^\\s{0,3}\\1|\\z)");
    private static final Pattern INLINE_CODE = Pattern.compile("`[^`\\n]*`");
    private static final Pattern MENTION = Pattern.compile("(?<![\\p{L}\\p{N}_@./+-])@([A-Za-z0-9_-]{3,32})(?![A-Za-z0-9_@-])");

    private Mentions() {
    }

    /** The normalized usernames mentioned in this Markdown, in order of first mention, at most {@link #MAX}. */
    public static Set<String> in(String markdown) {
        Set<String> names = new LinkedHashSet<>();
        if (markdown == null) {
            return names;
        }
        String prose = INLINE_CODE.matcher(FENCED.matcher(markdown).replaceAll(" ")).replaceAll(" ");
        Matcher m = MENTION.matcher(prose);
        while (m.find() && names.size() < MAX) {
            String name = Account.normalize(m.group(1));
            if (Account.isValidUsername(name)) {
                names.add(name);
            }
        }
        return names;
    }
}
