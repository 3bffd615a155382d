package vn.haiphong.ioc.core.ref;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import vn.haiphong.ioc.core.text.LocalizedText;

/**
 * A category of citizen field report (an Open311 service) with its deadlines, and the words citizens search it by,
 * per language ({@code vi}, {@code en}).
 */
public record ServiceCode(
        String code,
        LocalizedText name,
        LocalizedText group,
        LocalizedText description,
        Duration acknowledgeWithin,
        Duration resolveWithin,
        String fusionCategory,
        Map<String, List<String>> keywords) {

    /** The search words in one language, empty when there are none. */
    public List<String> keywords(String language) {
        return keywords == null ? List.of() : keywords.getOrDefault(language, List.of());
    }
}
