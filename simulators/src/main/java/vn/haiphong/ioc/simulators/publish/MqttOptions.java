package vn.haiphong.ioc.simulators.publish;

/**
 * How to reach the broker. {@code connections} 0 means as many as the rate needs (see {@link MqttSink});
 * {@code username} and {@code password} may be null.
 */
public record MqttOptions(
        String uri, String clientId, String username, String password, int connections, int maxInflight, double rate) {

    public MqttOptions {
        if (connections < 0) {
            throw new IllegalArgumentException("the number of connections cannot be negative");
        }
        if (maxInflight < 1) {
            throw new IllegalArgumentException("the in-flight window must hold at least one message");
        }
    }

    /** The client id of the {@code i}-th connection (from 0): the first keeps the id as given. */
    String clientId(int i) {
        return i == 0 ? clientId : clientId + "-" + (i + 1);
    }
}
