package dossier.comment.control;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The token of an unsubscribe link: who ({@code account id}) and what ({@code all} notifications, or
 * {@code a<article id>}: following that article), signed with HMAC-SHA256 under the site's own key, so that the link
 * works without logging in and nobody can make one for someone else. Its form is checked before anything is
 * computed: {@code <account>.<scope>.<43 characters of base64url>}, at most {@link #MAX_LENGTH} characters.
 */
public final class UnsubscribeTokens {

    public static final int MAX_LENGTH = 100;
    private static final Pattern FORM = Pattern.compile("([1-9][0-9]{0,17})\\.(all|a[1-9][0-9]{0,17})\\.([A-Za-z0-9_-]{43})");

    /** What a link unsubscribes from: every notification of the account, or following one article. */
    public record Scope(long accountId, Long articleId) {
        public boolean everything() {
            return articleId == null;
        }
    }

    private final byte[] key;

    public UnsubscribeTokens(byte[] key) {
        if (Objects.requireNonNull(key).length < 32) {
            throw new IllegalArgumentException("the key needs at least 32 bytes");
        }
        this.key = key.clone();
    }

    public String sign(Scope scope) {
        String payload = scope.accountId() + "." + (scope.everything() ? "all" : "a" + scope.articleId());
        return payload + "." + mac(payload);
    }

    /** The scope of a well-formed token with a right signature; empty for anything else. */
    public Optional<Scope> verify(String token) {
        if (token == null || token.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        Matcher m = FORM.matcher(token);
        if (!m.matches()) {
            return Optional.empty();
        }
        String payload = m.group(1) + "." + m.group(2);
        if (!MessageDigest.isEqual(mac(payload).getBytes(StandardCharsets.US_ASCII), m.group(3).getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        String scope = m.group(2);
        return Optional.of(new Scope(Long.parseLong(m.group(1)), scope.equals("all") ? null : Long.parseLong(scope.substring(1))));
    }

    /** Whether the text has the form of a token (whatever its signature): a malformed one is the sender's mistake. */
    public static boolean wellFormed(String token) {
        return token != null && token.length() <= MAX_LENGTH && FORM.matcher(token).matches();
    }

    private String mac(String payload) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(key, "HmacSHA256"));
            // A purpose prefix: this key signs unsubscribe links only, whatever else may ever be signed.
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    hmac.doFinal(("unsubscribe:" + payload).getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
