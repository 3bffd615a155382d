package vn.haiphong.ioc.core.wire;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an epoch-millisecond field that travels as a timestamp: read from ISO-8601 with an offset or from epoch
 * milliseconds, written as ISO-8601 in Vietnam's offset (+07:00).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
@JacksonAnnotationsInside
@JsonSerialize(using = EventTime.Writer.class)
@JsonDeserialize(using = EventTime.Reader.class)
public @interface EventTime {
    final class Writer extends JsonSerializer<Long> {
        @Override
        public void serialize(Long value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(Timestamps.format(value));
        }
    }

    final class Reader extends JsonDeserializer<Long> {
        @Override
        public Long deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken token = p.currentToken();
            if (token == JsonToken.VALUE_NUMBER_INT) {
                return p.getLongValue();
            }
            if (token == JsonToken.VALUE_STRING) {
                try {
                    return Timestamps.parse(p.getText());
                } catch (IllegalArgumentException e) {
                    return (Long) ctxt.handleWeirdStringValue(Long.class, p.getText(), e.getMessage());
                }
            }
            return (Long) ctxt.handleUnexpectedToken(
                    Long.class, token, p, "a timestamp is an ISO-8601 string with an offset or epoch milliseconds");
        }
    }
}
