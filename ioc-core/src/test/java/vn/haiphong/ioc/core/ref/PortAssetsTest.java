package vn.haiphong.ioc.core.ref;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The shipped port assets: what the port rules, KPIs and simulators need at every port. */
class PortAssetsTest {
    private static final ReferenceData REF = ReferenceData.defaults();

    @ParameterizedTest
    @ValueSource(strings = {"tan-vu", "dinh-vu", "lach-huyen", "hoang-dieu"})
    void everyPortHasItsAssetsAThresholdAndAVesselArea(String portId) {
        Port port = REF.port(portId).orElseThrow();
        for (String type : List.of("met", "sts", "rtg", "gate", "yard", "reefer", "tide", "ais", "berth")) {
            assertThat(port.assets()).as(portId + " " + type).anyMatch(a -> a.type()
                    .equals(type));
        }
        assertThat(port.assets()).filteredOn(a -> a.type().equals("yard")).allSatisfy(a -> assertThat(a.capacityTeu())
                .isPositive());
        assertThat(port.assets()).filteredOn(a -> a.type().equals("reefer")).allSatisfy(a -> assertThat(a.plugs())
                .isPositive());
        // Above the highest astronomical tide of the simulators' constituents (about 390 cm): surges only.
        assertThat(port.highWaterCm()).isBetween(395.0, 450.0);
        assertThat(port.vesselAreaMeters()).isGreaterThanOrEqualTo(port.radiusMeters());
        for (PortAsset berth :
                port.assets().stream().filter(a -> a.type().equals("berth")).toList()) {
            assertThat(berth.position().distanceMeters(port.position())).isLessThan(port.vesselAreaMeters());
        }
    }
}
