package vn.haiphong.ioc.core.ref;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReferenceDataTest {
    private static final String ONE_CAMERA = """
            {"cameras": [{"id": "hb-101", "kind": "traffic", "name": {"vi": "Ngã tư Lạch Tray", "en": "Lach Tray junction"},
              "road": "Lạch Tray", "lat": 20.851, "lon": 106.689, "area": "303"}]}
            """;

    @Test
    void theShippedDataMapsTheShippedVendorSources() {
        ReferenceData data = ReferenceData.load(null);
        assertThat(data.cameraSource("onvif", "axis-dbp-hvt"))
                .hasValueSatisfying(s -> assertThat(s.cameraId()).isEqualTo("tc-001"));
    }

    /** The shipped vendor sources name tc-001 and tc-002, which a city's own camera list need not have. */
    @Test
    void aDeploymentWithItsOwnCamerasAndNoSourcesFileHasNoVendorSources(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("cameras.json"), ONE_CAMERA);

        ReferenceData data = ReferenceData.load(dir);

        assertThat(data.camera("hb-101")).isPresent();
        assertThat(data.camera("tc-001")).isEmpty();
        assertThat(data.cameraSource("onvif", "axis-dbp-hvt")).isEmpty();
    }
}
