package vn.haiphong.ioc.dashboards.ports;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import vn.haiphong.ioc.dashboards.auth.TokenDigests;

/**
 * Who may read which port's feeds: for each port, the SHA-256 digests of its operators' bearer tokens. Only digests
 * are held, and a presented token is compared with every digest of every port in constant time, so neither the
 * answer's timing nor a memory dump gives a token away.
 */
public final class PortTokens {
    /** The file a demo server writes its generated tokens to, under its data directory. */
    public static final String DEMO_FILE = "port-tokens.json";

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
                if (!TokenDigests.isDigestHex(entry)) {
                    throw new IllegalArgumentException("port.tokens of '" + port
                            + "' holds an entry that is not a SHA-256 digest (64 hex digits): give the digest of"
                            + " each token (sha256sum), never the token");
                }
                ofPort.add(TokenDigests.parseDigest((String) entry));
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
                    token = TokenDigests.newToken();
                    complete = false;
                }
                all.put(port, token);
            }
            if (!complete) {
                TokenDigests.writeOwnerOnly(
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
                digests.put(port, List.of(TokenDigests.sha256(all.getString(port))));
            }
            return new PortTokens(digests);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the demo port tokens in " + file + ": " + e.getMessage(), e);
        }
    }

    /** Compares the token with every digest of every port, never stopping early. */
    public Access check(String token, String port) {
        byte[] presented = TokenDigests.sha256(token);
        boolean mine = false;
        boolean other = false;
        for (Map.Entry<String, List<byte[]>> entry : digests.entrySet()) {
            boolean thisPort = entry.getKey().equals(port);
            for (byte[] digest : entry.getValue()) {
                boolean match = TokenDigests.matches(presented, digest);
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
        return TokenDigests.digestHex(token);
    }
}
