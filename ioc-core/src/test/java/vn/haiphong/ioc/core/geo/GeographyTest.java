package vn.haiphong.ioc.core.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import vn.haiphong.ioc.core.ref.ReferenceData;

class GeographyTest {
    private final Areas areas = ReferenceData.defaults().areas();

    @Test
    void hasTheFifteenDistricts() {
        assertThat(areas.all()).hasSize(15);
        assertThat(areas.byCode("303").orElseThrow().name()).isEqualTo("Quận Hồng Bàng");
    }

    @Test
    void placesKnownSitesInTheirDistricts() {
        assertThat(areas.locate(20.8575, 106.6818).orElseThrow().code()).isEqualTo("303"); // Opera House
        assertThat(areas.locate(20.8192, 106.7247).orElseThrow().code()).isEqualTo("306"); // Cat Bi airport
    }

    @Test
    void givesTheNearestAreaToAQuayOffTheLandPolygon() {
        // Lach Huyen's reclaimed terminal is missing from the district polygons.
        assertThat(areas.withinCity(20.7977, 106.9054)).isTrue();
        assertThat(areas.locate(20.7977, 106.9054)).isPresent();
    }

    @Test
    void hanoiAndHaLongAreNotHaiPhong() {
        assertThat(areas.withinCity(21.0285, 105.8542)).isFalse();
        assertThat(areas.locate(21.0285, 105.8542)).isEmpty();
        assertThat(areas.withinCity(20.9517, 107.0800)).isFalse();
    }

    @Test
    void convertsWgs84ToTheHaiPhongVn2000Grid() {
        Vn2000 vn2000 = new Vn2000();
        double[] en = vn2000.toGrid(20.857498, 106.681824);
        assertThat(en[0]).isCloseTo(596771.18, within(0.5));
        assertThat(en[1]).isCloseTo(2307458.76, within(0.5));
        GeoPoint back = vn2000.toWgs84(en[0], en[1]);
        assertThat(back.lat()).isCloseTo(20.857498, within(1e-7));
        assertThat(back.lon()).isCloseTo(106.681824, within(1e-7));
    }

    @Test
    void measuresDistances() {
        GeoPoint opera = new GeoPoint(20.8575, 106.6818);
        GeoPoint tanVu = new GeoPoint(20.8355, 106.7747);
        assertThat(opera.distanceMeters(tanVu)).isBetween(9_800.0, 10_100.0);
    }
}
