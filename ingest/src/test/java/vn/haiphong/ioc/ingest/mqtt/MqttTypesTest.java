package vn.haiphong.ioc.ingest.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.junit.jupiter.api.Test;

class MqttTypesTest {

    @Test
    void flinkTreatsBothMessageTypesAsPojosNotKryo() {
        assertThat(TypeInformation.of(MqttRecord.class)).isInstanceOf(PojoTypeInfo.class);
        assertThat(TypeInformation.of(OutboundMessage.class)).isInstanceOf(PojoTypeInfo.class);
    }

    @Test
    void utf8FactoryEncodesThePayload() {
        OutboundMessage message = OutboundMessage.ofUtf8("ioc/v1/kpi/x", "Hải Phòng", 1, true);
        assertThat(message.payload).isEqualTo("Hải Phòng".getBytes(StandardCharsets.UTF_8));
        assertThat(message.qos).isEqualTo(1);
        assertThat(message.retained).isTrue();
    }

    @Test
    void recordsCompareByContent() {
        assertThat(new MqttRecord("a", new byte[] {1, 2}, 5)).isEqualTo(new MqttRecord("a", new byte[] {1, 2}, 5));
        assertThat(new MqttRecord("a", new byte[] {1, 2}, 5)).isNotEqualTo(new MqttRecord("a", new byte[] {1}, 5));
    }
}
