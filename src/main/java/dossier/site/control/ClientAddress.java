package dossier.site.control;

import java.util.Arrays;

/**
 * The address a request came from. Behind a reverse proxy listed in {@code dossier.trusted-proxies}, that is the
 * last address the proxy appended to {@code X-Forwarded-For}; from anyone else the header is ignored, since a
 * client can write anything there.
 */
public final class ClientAddress {

    private ClientAddress() {
    }

    public static String of(String remoteAddress, String forwardedFor, String trustedProxies) {
        if (forwardedFor == null || forwardedFor.isBlank() || trustedProxies == null
                || !Arrays.asList(trustedProxies.split("\\s*,\\s*")).contains(remoteAddress)) {
            return remoteAddress;
        }
        String[] hops = forwardedFor.split(",");
        String last = hops[hops.length - 1].strip();
        return last.isEmpty() ? remoteAddress : last;
    }

    /**
     * Whether the request came over HTTPS: directly, or through a trusted reverse proxy that says so in
     * {@code X-Forwarded-Proto} (from anyone else that header is ignored).
     */
    public static boolean overHttps(boolean secure, String remoteAddress, String forwardedProto, String trustedProxies) {
        if (secure) {
            return true;
        }
        return forwardedProto != null && "https".equalsIgnoreCase(forwardedProto.strip()) && trustedProxies != null
                && Arrays.asList(trustedProxies.split("\\s*,\\s*")).contains(remoteAddress);
    }
}
