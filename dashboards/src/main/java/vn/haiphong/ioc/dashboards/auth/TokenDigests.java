package vn.haiphong.ioc.dashboards.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * What every kind of bearer token of the server shares: the server keeps only SHA-256 digests, compares a presented
 * token's digest in constant time, and a demo server writes its generated tokens to a file only its owner can read.
 */
public final class TokenDigests {
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private TokenDigests() {}

    public static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The SHA-256 digest of a token, as hex: what a deployment's configuration holds. */
    public static String digestHex(String token) {
        return HexFormat.of().formatHex(sha256(token));
    }

    /** Whether the text is a SHA-256 digest in hex (64 hex digits). */
    public static boolean isDigestHex(Object text) {
        return text instanceof String hex && SHA256_HEX.matcher(hex).matches();
    }

    /** A configured digest; the caller has checked it with {@link #isDigestHex}. */
    public static byte[] parseDigest(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    /** Constant time, so the answer's timing gives nothing away; callers never stop early either. */
    public static boolean matches(byte[] presentedDigest, byte[] digest) {
        return MessageDigest.isEqual(presentedDigest, digest);
    }

    /** 32 random bytes, URL-safe base64: usable as it is in a header or a query parameter. */
    public static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Writes a file of tokens readable by its owner only, atomically (a reader never sees half of it). */
    public static void writeOwnerOnly(Path file, String text) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        try {
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system (Windows): the directory's permissions protect it there.
            Files.createFile(temp);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("another process is writing " + temp, e);
        }
        Files.writeString(temp, text + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
