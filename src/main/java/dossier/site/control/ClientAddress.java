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
}
