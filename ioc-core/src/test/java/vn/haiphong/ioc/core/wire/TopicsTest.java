package vn.haiphong.ioc.core.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TopicsTest {
    @Test
    void parsesEachInboundFeed() {
        assertThat(Topics.parse("hp/v1/cam/tc-001/evt"))
                .isEqualTo(new InboundTopic(Feed.cam, "evt", "tc-001", null, null));
        assertThat(Topics.parse("hp/v1/report/new")).isEqualTo(new InboundTopic(Feed.report, "new", null, null, null));
        assertThat(Topics.parse("hp/v1/report/hp-2026-77/update"))
                .isEqualTo(new InboundTopic(Feed.report, "update", "hp-2026-77", null, null));
        assertThat(Topics.parse("hp/v1/port/tan-vu/met/met-1/tlm"))
                .isEqualTo(new InboundTopic(Feed.port, "tlm", "met-1", "tan-vu", "met"));
    }

    @Test
    void buildsTheVesselTopicOfAPort() {
        assertThat(Topics.vessel("lach-huyen", 574000123L)).isEqualTo("ioc/v1/vessel/lach-huyen/574000123");
        assertThat(Topics.vessel("lach-huyen", 574000123L)).startsWith(Topics.VESSELS_ALL.replace("#", ""));
    }

    @Test
    void refusesTopicsOutsideTheContract() {
        assertThatThrownBy(() -> Topics.parse("hp/v1/cam/tc-001")).hasMessageContaining("{cameraId}");
        assertThatThrownBy(() -> Topics.parse("hp/v1/port/tan-vu/met/met-1/data"))
                .hasMessageContaining("tlm|evt|state");
        assertThatThrownBy(() -> Topics.parse("other/x")).hasMessageContaining("not under hp/v1/");
    }

    @Test
    void aLevelIsOneToSixtyFourLowercaseLettersDigitsOrDashes() {
        assertThat(Topics.isLevel("tc-001")).isTrue();
        assertThat(Topics.isLevel("a".repeat(64))).isTrue();
        assertThat(Topics.isLevel("a".repeat(65))).isFalse();
        assertThat(Topics.isLevel("")).isFalse();
        assertThat(Topics.isLevel("TC-001")).isFalse();
        assertThat(Topics.isLevel("tc_001")).isFalse();
        assertThat(Topics.isLevel("tân-vũ")).isFalse();
        assertThatThrownBy(() -> Topics.parse("hp/v1/cam/Tc-001/evt"))
                .hasMessageContaining("'Tc-001' is not lowercase letters, digits and dashes");
        assertThatThrownBy(() -> Topics.parse("hp/v1/cam//evt")).hasMessageContaining("level '' is not");
    }

    @Test
    void namesTheDeadLetterFeedEvenForBrokenTopics() {
        assertThat(Topics.feedOf("hp/v1/cam/BAD ID/tlm")).isEqualTo(Feed.cam);
        assertThat(Topics.feedOf("hp/v1/port/x")).isEqualTo(Feed.port);
        assertThat(Topics.feedOf("elsewhere")).isEqualTo(Feed.unknown);
        assertThat(Topics.deadLetter(Feed.report)).isEqualTo("ioc/v1/deadletter/report");
    }

    @Test
    void buildsOutboundTopics() {
        assertThat(Topics.alert("port", "tan-vu")).isEqualTo("ioc/v1/alert/port/tan-vu");
        assertThat(Topics.kpi("max-gust", "port", "tan-vu")).isEqualTo("ioc/v1/kpi/max-gust/port/tan-vu");
    }

    @Test
    void parsesVendorTopicsWithTheOnvifTopicKeptAsSent() {
        assertThat(Topics.parseVendor("hp/v1/vendor/onvif/axis-1/RuleEngine/FieldDetector/ObjectsInside"))
                .isEqualTo(new Topics.VendorTopic("onvif", "axis-1", "RuleEngine/FieldDetector/ObjectsInside"));
        assertThat(Topics.parseVendor("hp/v1/vendor/deepstream/pipeline-1"))
                .isEqualTo(new Topics.VendorTopic("deepstream", "pipeline-1", ""));
        assertThat(Topics.isVendor(Topics.deepstream("p"))).isTrue();
        assertThat(Topics.INBOUND_ALL.replace("#", "")).isEqualTo(Topics.INBOUND_ROOT);
        assertThat(Topics.VENDOR_ROOT).startsWith(Topics.INBOUND_ROOT);
        assertThatThrownBy(() -> Topics.parseVendor("hp/v1/vendor/onvif/axis-1"))
                .hasMessageContaining("ONVIF topics");
        assertThatThrownBy(() -> Topics.parseVendor("hp/v1/vendor/milestone/x")).hasMessageContaining("milestone");
        assertThatThrownBy(() -> Topics.parseVendor("hp/v1/vendor/onvif/Axis/RuleEngine/X"))
                .hasMessageContaining("lowercase");
    }
}
