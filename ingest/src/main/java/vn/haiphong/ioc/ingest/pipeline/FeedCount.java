package vn.haiphong.ioc.ingest.pipeline;

/**
 * How many messages of one feed a decode subtask accepted and dead-lettered since its previous count: a delta, summed
 * per feed downstream into the {@code events-accepted} and {@code events-dead-lettered} KPIs.
 *
 * <p>A Flink POJO (public no-arg constructor, public fields) so that it is serialized without Kryo.
 */
public class FeedCount {
    /** The feed's name as in the topics: {@code cam}, {@code report}, {@code port} or {@code unknown}. */
    public String feed;

    public long accepted;
    public long deadLettered;

    public FeedCount() {}

    public FeedCount(String feed, long accepted, long deadLettered) {
        this.feed = feed;
        this.accepted = accepted;
        this.deadLettered = deadLettered;
    }

    @Override
    public String toString() {
        return "FeedCount{" + feed + ": accepted " + accepted + ", dead-lettered " + deadLettered + '}';
    }
}
