package vn.haiphong.ioc.core.wire.vendor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import vn.haiphong.ioc.core.ref.ReferenceData;
import vn.haiphong.ioc.core.wire.Decoded;
import vn.haiphong.ioc.core.wire.InboundCodec;

/** Example vendor messages (test resources under vendor/) and the codec that reads them. */
final class VendorMessages {
    static final long NOW = Instant.parse("2026-11-25T01:15:00Z").toEpochMilli();
    static final InboundCodec CODEC = new InboundCodec(ReferenceData.defaults());

    private VendorMessages() {}

    static byte[] resource(String name) {
        try (InputStream in = VendorMessages.class.getClassLoader().getResourceAsStream("vendor/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource vendor/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Decoded decode(String topic, String resource) {
        return CODEC.decode(topic, resource(resource), NOW);
    }

    static Decoded decodeText(String topic, String json) {
        return CODEC.decode(topic, json.getBytes(StandardCharsets.UTF_8), NOW);
    }
}
