package vn.haiphong.ioc.dashboards.auth;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The IOC operators who may act from the wall: each with a name, roles ({@value #OPERATOR}, {@value #ADMIN}) and the
 * SHA-256 digests of their bearer tokens. As with the port tokens only digests are held, and a presented token is
 * compared with every digest of every operator in constant time.
 *
 * <p>Configured as a JSON object of operator name → {@code {"roles": [...], "tokens": [digests]}}; a demo server
 * generates {@value #DEMO_FILE} in its data directory instead.
 */
public final class OperatorTokens {
    public static final String DEMO_FILE = "operator-tokens.json";
    public static final String OPERATOR = "operator";
    public static final String ADMIN = "admin";
    public static final Set<String> ROLES = Set.of(OPERATOR, ADMIN);

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    /** The demo's operators: one who may do everything, one who may update reports but not change rules. */
    private static final Map<String, List<String>> DEMO_OPERATORS =
            Map.of("op-lan", List.of(OPERATOR, ADMIN), "op-minh", List.of(OPERATOR));

    /** Who presented a token: the name goes into the audit log and the rule set's {@code changedBy}. */
    public record Operator(String name, Set<String> roles) {
        public Operator {
            roles = Set.copyOf(roles);
        }

        public boolean has(String role) {
            return roles.contains(role);
        }
    }

    private record Entry(Operator operator, List<byte[]> digests) {}

    private final List<Entry> entries;

    private OperatorTokens(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * From the JSON object of operator name → {@code {"roles": [...], "tokens": [SHA-256 hex digests]}}.
     *
     * @throws IllegalArgumentException naming the operator or the entry that is wrong
     */
    public static OperatorTokens fromDigests(JsonObject json) {
        List<Entry> entries = new ArrayList<>();
        for (String name : json.fieldNames()) {
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("operator.tokens: the operator name '" + name
                        + "' must be lowercase letters, digits, dots, dashes or underscores (at most 64)");
            }
            if (!(json.getValue(name) instanceof JsonObject entry)) {
                throw new IllegalArgumentException(
                        "operator.tokens of '" + name + "' must be an object with roles and tokens");
            }
            Set<String> roles = roles(name, entry.getValue("roles"));
            if (!(entry.getValue("tokens") instanceof JsonArray list)) {
                throw new IllegalArgumentException(
                        "operator.tokens of '" + name + "' needs tokens: a list of SHA-256 digests (64 hex digits)");
            }
            List<byte[]> digests = new ArrayList<>();
            for (Object digest : list) {
                if (!TokenDigests.isDigestHex(digest)) {
                    throw new IllegalArgumentException("operator.tokens of '" + name
                            + "' holds an entry that is not a SHA-256 digest (64 hex digits): give the digest of"
                            + " each token (sha256sum), never the token");
                }
                digests.add(TokenDigests.parseDigest((String) digest));
            }
            entries.add(new Entry(new Operator(name, roles), digests));
        }
        return new OperatorTokens(entries);
    }

    /** From a JSON file of the same shape as {@link #fromDigests}. */
    public static OperatorTokens fromFile(Path file) {
        try {
            return fromDigests(new JsonObject(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the operator tokens file " + file + ": " + e.getMessage(), e);
        } catch (DecodeException e) {
            throw new IllegalArgumentException("the operator tokens file " + file + " is not a JSON object", e);
        }
    }

    /**
     * The demo's operators, {@code op-lan} (operator and admin) and {@code op-minh} (operator): their tokens read from
     * {@code dir/operator-tokens.json}, written there first (owner-only) when it is missing or incomplete. The file
     * holds the tokens themselves, since someone must hand them out; the server keeps only their digests.
     */
    public static OperatorTokens demo(Path dir) {
        Path file = dir.resolve(DEMO_FILE);
        try {
            Files.createDirectories(dir);
            JsonObject known = Files.exists(file)
                    ? new JsonObject(Files.readString(file, StandardCharsets.UTF_8)).getJsonObject("operators")
                    : null;
            boolean complete = known != null;
            JsonObject operators = new JsonObject();
            List<Entry> entries = new ArrayList<>();
            for (String name : DEMO_OPERATORS.keySet().stream().sorted().toList()) {
                JsonObject entry = known == null ? null : known.getJsonObject(name);
                String token = entry == null ? null : entry.getString("token");
                if (token == null || token.isBlank()) {
                    token = TokenDigests.newToken();
                    complete = false;
                }
                List<String> roles = DEMO_OPERATORS.get(name);
                operators.put(
                        name,
                        new JsonObject().put("roles", new JsonArray(roles)).put("token", token));
                entries.add(new Entry(new Operator(name, Set.copyOf(roles)), List.of(TokenDigests.sha256(token))));
            }
            if (!complete) {
                TokenDigests.writeOwnerOnly(
                        file,
                        new JsonObject()
                                .put(
                                        "note",
                                        "Demo bearer tokens of the IOC operators: paste one into the wall's sign-in."
                                                + " A deployment configures operator.tokens with their SHA-256"
                                                + " digests instead.")
                                .put("operators", operators)
                                .encodePrettily());
            }
            return new OperatorTokens(entries);
        } catch (IOException | DecodeException | ClassCastException e) {
            throw new IllegalStateException(
                    "cannot prepare the demo operator tokens in " + file + ": " + e.getMessage(), e);
        }
    }

    /** The operator whose token this is; every digest is compared, never stopping early. */
    public Optional<Operator> check(String token) {
        byte[] presented = TokenDigests.sha256(token);
        Operator found = null;
        for (Entry entry : entries) {
            for (byte[] digest : entry.digests()) {
                if (TokenDigests.matches(presented, digest) && found == null) {
                    found = entry.operator();
                }
            }
        }
        return Optional.ofNullable(found);
    }

    /** The operators' names, in the order configured. */
    public List<String> names() {
        return entries.stream().map(e -> e.operator().name()).toList();
    }

    private static Set<String> roles(String name, Object value) {
        if (!(value instanceof JsonArray list) || list.isEmpty()) {
            throw new IllegalArgumentException("operator.tokens of '" + name + "' needs roles: a list of "
                    + ROLES.stream().sorted().toList());
        }
        Set<String> roles = new LinkedHashSet<>();
        for (Object role : list) {
            if (!(role instanceof String r) || !ROLES.contains(r)) {
                throw new IllegalArgumentException("operator.tokens of '" + name + "' has an unknown role '" + role
                        + "'; the roles are " + ROLES.stream().sorted().toList());
            }
            roles.add(r);
        }
        return roles;
    }

    /** For tests and tools: a configuration entry of one operator with one token. */
    public static JsonObject entry(List<String> roles, String token) {
        return new JsonObject()
                .put("roles", new JsonArray(roles))
                .put("tokens", new JsonArray().add(TokenDigests.digestHex(token)));
    }
}
