package vn.haiphong.ioc.simulators.gen.report;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Pseudonymous HP Smart account and device ids: hashes of a seeded account number, the way the app hands them on. No
 * name, phone number or e-mail exists anywhere in the simulation to leak.
 */
final class Pseudonyms {
    private final long seed;
    private final MessageDigest sha256;

    Pseudonyms(long seed) {
        this.seed = seed;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    String account(int number) {
        return "acc-" + hash("account:" + number);
    }

    String device(int number) {
        return "dev-" + hash("device:" + number);
    }

    private String hash(String what) {
        byte[] digest = sha256.digest((seed + ":" + what).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, 8);
    }
}
