package vn.haiphong.ioc.dashboards.ports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.haiphong.ioc.dashboards.ports.PortTokens.Access;

class PortTokensTest {
    private static final Set<String> PORTS = Set.of("tan-vu", "dinh-vu", "lach-huyen", "hoang-dieu");

    @Test
    void aTokenOpensItsOwnPortOnly() {
        PortTokens tokens = PortTokens.fromDigests(
                new JsonObject()
                        .put(
                                "tan-vu",
                                new JsonArray()
                                        .add(PortTokens.digestHex("tv-1"))
                                        .add(PortTokens.digestHex("tv-2")))
                        .put("dinh-vu", new JsonArray().add(PortTokens.digestHex("dv-1"))),
                PORTS);
        assertThat(tokens.check("tv-1", "tan-vu")).isEqualTo(Access.GRANTED);
        assertThat(tokens.check("tv-2", "tan-vu")).isEqualTo(Access.GRANTED);
        assertThat(tokens.check("dv-1", "tan-vu")).isEqualTo(Access.OTHER_PORT);
        assertThat(tokens.check("tv-1", "dinh-vu")).isEqualTo(Access.OTHER_PORT);
        assertThat(tokens.check("tv-1", "lach-huyen")).isEqualTo(Access.OTHER_PORT);
        assertThat(tokens.check("nope", "tan-vu")).isEqualTo(Access.UNKNOWN);
        assertThat(tokens.check(PortTokens.digestHex("tv-1"), "tan-vu")).isEqualTo(Access.UNKNOWN);
        assertThat(tokens.ports()).containsExactly("dinh-vu", "tan-vu");
    }

    @Test
    void refusesATokenInClearAnUnknownPortOrAWrongShape() {
        assertThatThrownBy(() -> PortTokens.fromDigests(
                        new JsonObject().put("tan-vu", new JsonArray().add("my-secret-token")), PORTS))
                .hasMessageContaining("SHA-256")
                .hasMessageNotContaining("my-secret-token");
        assertThatThrownBy(() -> PortTokens.fromDigests(
                        new JsonObject().put("hai-an", new JsonArray().add(PortTokens.digestHex("x"))), PORTS))
                .hasMessageContaining("unknown port 'hai-an'");
        assertThatThrownBy(
                        () -> PortTokens.fromDigests(new JsonObject().put("tan-vu", PortTokens.digestHex("x")), PORTS))
                .hasMessageContaining("must be a list");
    }

    @Test
    void theDemoWritesOneTokenPerPortReadableByItsOwnerAndKeepsThemAcrossRestarts(@TempDir Path dir) throws Exception {
        PortTokens first = PortTokens.demo(dir.resolve("dashboards"), List.copyOf(PORTS));
        Path file = dir.resolve("dashboards").resolve(PortTokens.DEMO_FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        JsonObject tokens = new JsonObject(Files.readString(file)).getJsonObject("tokens");
        assertThat(tokens.fieldNames()).containsExactlyInAnyOrderElementsOf(PORTS);
        assertThat(tokens.getString("tan-vu"))
                .hasSizeGreaterThanOrEqualTo(43)
                .isNotEqualTo(tokens.getString("dinh-vu"));
        assertThat(first.check(tokens.getString("tan-vu"), "tan-vu")).isEqualTo(Access.GRANTED);
        assertThat(first.check(tokens.getString("dinh-vu"), "tan-vu")).isEqualTo(Access.OTHER_PORT);

        String before = Files.readString(file);
        PortTokens second = PortTokens.demo(dir.resolve("dashboards"), List.copyOf(PORTS));
        assertThat(Files.readString(file)).isEqualTo(before);
        assertThat(second.check(tokens.getString("hoang-dieu"), "hoang-dieu")).isEqualTo(Access.GRANTED);
    }
}
