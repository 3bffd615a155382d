package vn.haiphong.ioc.dashboards.open311;

import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import vn.haiphong.ioc.dashboards.auth.TokenDigests;

/**
 * The keys allowed to post service requests, kept only as SHA-256 digests (hex), so the configuration holds no
 * secret. Compared in constant time.
 */
final class ApiKeys {
    private final List<byte[]> digests;

    ApiKeys(List<String> hexDigests) {
        this.digests = hexDigests.stream()
                .map(d -> HexFormat.of().parseHex(d.trim().toLowerCase(Locale.ROOT)))
                .peek(d -> {
                    if (d.length != 32) {
                        throw new IllegalArgumentException("an Open311 API key digest must be 64 hex digits (SHA-256)");
                    }
                })
                .toList();
    }

    boolean isEmpty() {
        return digests.isEmpty();
    }

    boolean allows(String key) {
        if (key == null || key.isEmpty()) {
            return false;
        }
        byte[] digest = sha256(key);
        boolean found = false;
        for (byte[] allowed : digests) {
            found |= TokenDigests.matches(allowed, digest);
        }
        return found;
    }

    static byte[] sha256(String key) {
        return TokenDigests.sha256(key);
    }

    static String hex(String key) {
        return TokenDigests.digestHex(key);
    }
}
