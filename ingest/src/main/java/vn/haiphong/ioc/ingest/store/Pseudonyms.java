package vn.haiphong.ioc.ingest.store;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keyed hash that stands in for a citizen's account id in storage: HMAC-SHA256 with a key the IOC keeps apart
 * from the database, hex encoded. The same account gives the same ref (abuse can be traced by whoever holds the key);
 * without the key the ref cannot be turned back into the id or checked against a guess. No key: no ref at all, never
 * the raw id.
 */
final class Pseudonyms implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final String ALGORITHM = "HmacSHA256";

    private final byte[] key;
    private transient Mac mac;

    Pseudonyms(String key) {
        this.key = key == null || key.isEmpty() ? null : key.getBytes(StandardCharsets.UTF_8);
    }

    boolean hasKey() {
        return key != null;
    }

    /** The ref of an account id, or null when there is no id or no key. */
    String ref(String accountId) {
        if (accountId == null || key == null) {
            return null;
        }
        try {
            if (mac == null) {
                mac = Mac.getInstance(ALGORITHM);
                mac.init(new SecretKeySpec(key, ALGORITHM));
            }
            return HexFormat.of().formatHex(mac.doFinal(accountId.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
