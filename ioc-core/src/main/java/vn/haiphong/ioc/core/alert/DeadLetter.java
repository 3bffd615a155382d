package vn.haiphong.ioc.core.alert;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import vn.haiphong.ioc.core.wire.EventTime;
import vn.haiphong.ioc.core.wire.Feed;
import vn.haiphong.ioc.core.wire.Topics;

/**
 * A message that could not be used, as published on {@code ioc/v1/deadletter/{feed}}: the reason, the topic and the
 * whole payload (as text when it is UTF-8, else base64), so nothing is lost and the sender can be told what to fix.
 */
public record DeadLetter(
        Feed feed,
        String topic,
        String reason,
        String payload,
        String payloadEncoding,
        int payloadBytes,
        @EventTime long receivedAt) {

    public static DeadLetter of(String topic, byte[] payload, String reason, long receivedAt) {
        byte[] bytes = payload == null ? new byte[0] : payload;
        String text;
        String encoding;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            encoding = "utf-8";
        } catch (CharacterCodingException e) {
            text = Base64.getEncoder().encodeToString(bytes);
            encoding = "base64";
        }
        return new DeadLetter(Topics.feedOf(topic), topic, reason, text, encoding, bytes.length, receivedAt);
    }

    @JsonIgnore
    public String deadLetterTopic() {
        return Topics.deadLetter(feed);
    }
}
