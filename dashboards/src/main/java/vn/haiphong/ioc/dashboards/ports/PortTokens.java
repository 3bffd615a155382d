package vn.haiphong.ioc.dashboards.ports;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Who may read which port's feeds: for each port, the SHA-256 digests of its operators' bearer tokens. Only digests
 * are held, and a presented token is compared with every digest of every port in constant time, so neither the
 * answer's timing nor a memory dump gives a token away.
 */
public final class PortTokens {
    /** The file a demo server writes its generated tokens to, under its data directory. */
    public static final String DEMO_FILE = "port-tokens.json";

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The outcome of presenting a token for a port. */
    public enum Access {
        /** The token is one of this port's. */
        GRANTED,
        /** The token is valid, but for another port. */
        OTHER_PORT,
        /** No port has this token. */
        UNKNOWN
    }

    private final Map<String, List<byte[]>> digests;

    private PortTokens(Map<String, List<byte[]>> digests) {
        this.digests = digests;
    }

    /**
     * From a JSON object of port id → list of SHA-256 digests (hex) of that port's tokens.
     *
     * @throws IllegalArgumentException naming the port or the entry that is wrong
     */
    public static PortTokens fromDigests(JsonObject json, Set<String> ports) {
        Map<String, List<byte[]>> digests = new LinkedHashMap<>();
        for (String port : json.fieldNames()) {
            if (!ports.contains(port)) {
                throw new IllegalArgumentException(
                        "port.tokens names unknown port '" + port + "'; the ports are " + new TreeSet<>(ports));
            }
            Object value = json.getValue(port);
            if (!(value instanceof JsonArray list)) {
                throw new IllegalArgumentException(
                        "port.tokens of '" + port + "' must be a list of SHA-256 digests (64 hex digits)");
            }
            List<byte[]> ofPort = new ArrayList<>();
            for (Object entry : list) {
                if (!(entry instanceof String hex) || !SHA256_HEX.matcher(hex).matches()) {
                    throw new IllegalArgumentException("port.tokens of '" + port
                            + "' holds an entry that is not a SHA-256 digest (64 hex digits): give the digest of"
                            + " each token (sha256sum), never the token");
                }
                ofPort.add(HexFormat.of().parseHex(hex));
            }
            digests.put(port, List.copyOf(ofPort));
        }
        return new PortTokens(digests);
    }

    /** From a JSON file of the same shape as {@link #fromDigests}. */
    public static PortTokens fromFile(Path file, Set<String> ports) {
        try {
            return fromDigests(new JsonObject(Files.readString(file, StandardCharsets.UTF_8)), ports);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the port tokens file " + file + ": " + e.getMessage(), e);
        } catch (io.vertx.core.json.DecodeException e) {
            throw new IllegalArgumentException("the port tokens file " + file + " is not a JSON object", e);
        }
    }

    /**
     * The demo's tokens: read from {@code dir/port-tokens.json}, created there first (readable by its owner only) with
     * one random token per port when it does not exist or lacks a port. That file holds the tokens themselves, since
     * someone must hand them to the port operators; the server keeps only their digests.
     */
    public static PortTokens demo(Path dir, Collection<String> ports) {
        Path file = dir.resolve(DEMO_FILE);
        try {
            Files.createDirectories(dir);
            JsonObject tokens = Files.exists(file)
                    ? new JsonObject(Files.readString(file, StandardCharsets.UTF_8)).getJsonObject("tokens")
                    : null;
            boolean complete = tokens != null;
            JsonObject all = new JsonObject();
            for (String port : ports) {
                String token = tokens == null ? null : tokens.getString(port);
                if (token == null || token.isBlank()) {
                    token = newToken();
                    complete = false;
                }
                all.put(port, token);
            }
            if (!complete) {
                writeOwnerOnly(
                        file,
                        new JsonObject()
                                .put(
                                        "note",
                                        "Demo bearer tokens of the port operators' feeds, one per port. Hand each"
                                                + " port only its own. A deployment configures port.tokens with"
                                                + " their SHA-256 digests instead.")
                                .put("tokens", all)
                                .encodePrettily());
            }
            Map<String, List<byte[]>> digests = new LinkedHashMap<>();
            for (String port : ports) {
                digests.put(port, List.of(sha256(all.getString(port))));
            }
            return new PortTokens(digests);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the demo port tokens in " + file + ": " + e.getMessage(), e);
        }
    }

    /** Compares the token with every digest of every port, never stopping early. */
    public Access check(String token, String port) {
        byte[] presented = sha256(token);
        boolean mine = false;
        boolean other = false;
        for (Map.Entry<String, List<byte[]>> entry : digests.entrySet()) {
            boolean thisPort = entry.getKey().equals(port);
            for (byte[] digest : entry.getValue()) {
                boolean match = MessageDigest.isEqual(presented, digest);
                mine |= match && thisPort;
                other |= match && !thisPort;
            }
        }
        return mine ? Access.GRANTED : other ? Access.OTHER_PORT : Access.UNKNOWN;
    }

    /** The ports that have at least one token. */
    public Set<String> ports() {
        Set<String> ports = new TreeSet<>();
        digests.forEach((port, list) -> {
            if (!list.isEmpty()) {
                ports.add(port);
            }
        });
        return ports;
    }

    /** The SHA-256 digest of a token, as hex: what {@code port.tokens} holds. */
    public static String digestHex(String token) {
        return HexFormat.of().formatHex(sha256(token));
    }

    /** 32 random bytes, URL-safe base64: usable as it is in a header or a query parameter. */
    static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static void writeOwnerOnly(Path file, String text) throws IOException {
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
        Files.move(
                temp,
                file,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
