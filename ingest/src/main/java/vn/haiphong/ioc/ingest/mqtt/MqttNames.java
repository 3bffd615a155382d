package vn.haiphong.ioc.ingest.mqtt;

import org.apache.flink.annotation.Internal;

/** Checks of client ids, topic filters, topics and share names, with messages that say what is wrong. */
@Internal
public final class MqttNames {
    private MqttNames() {}

    /** A client id prefix: the sessions' client ids are this prefix, a dash and a number. */
    public static String checkClientIdPrefix(String prefix) {
        if (prefix == null || prefix.isBlank()) {
            throw new IllegalArgumentException("clientIdPrefix is required, e.g. \"ioc-ingest\"");
        }
        for (int i = 0; i < prefix.length(); i++) {
            char c = prefix.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c) || c == '/' || c == '+' || c == '#') {
                throw new IllegalArgumentException("clientIdPrefix '" + prefix
                        + "' must not contain whitespace, control characters, '/', '+' or '#'");
            }
        }
        return prefix;
    }

    /** An MQTT topic filter: '+' and '#' only as whole levels, '#' only last; no shared-subscription prefix. */
    public static String checkTopicFilter(String filter) {
        if (filter == null || filter.isEmpty()) {
            throw new IllegalArgumentException("a topic filter must not be empty");
        }
        if (filter.startsWith("$share/")) {
            throw new IllegalArgumentException("topic filter '" + filter
                    + "' is a shared subscription: pass the plain filter and set sharedSubscriptionGroup instead");
        }
        if (filter.indexOf('\u0000') >= 0) {
            throw new IllegalArgumentException("topic filter '" + filter + "' contains a NUL character");
        }
        String[] levels = filter.split("/", -1);
        for (int i = 0; i < levels.length; i++) {
            String level = levels[i];
            if (level.contains("#") && (!level.equals("#") || i != levels.length - 1)) {
                throw new IllegalArgumentException(
                        "topic filter '" + filter + "': '#' must be a whole level and the last one");
            }
            if (level.contains("+") && !level.equals("+")) {
                throw new IllegalArgumentException("topic filter '" + filter + "': '+' must be a whole level");
            }
        }
        return filter;
    }

    /** The share name of an MQTT 5 shared subscription ({@code $share/{group}/{filter}}). */
    public static String checkShareName(String group) {
        if (group == null || group.isEmpty()) {
            throw new IllegalArgumentException("sharedSubscriptionGroup must not be empty (use null for none)");
        }
        if (group.contains("/") || group.contains("+") || group.contains("#")) {
            throw new IllegalArgumentException(
                    "sharedSubscriptionGroup '" + group + "' must not contain '/', '+' or '#'");
        }
        return group;
    }
}
