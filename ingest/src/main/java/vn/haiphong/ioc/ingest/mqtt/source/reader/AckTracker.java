package vn.haiphong.ioc.ingest.mqtt.source.reader;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;
import org.apache.flink.annotation.Internal;

/**
 * Decides which MQTT packet ids of one session may be acknowledged, and when: an id may be acknowledged once a
 * completed checkpoint covers the record's emission downstream.
 *
 * <ul>
 *   <li>{@link #emitted} records ids in the order records leave the reader (not when they arrive: a record still
 *       buffered at snapshot time is not covered by that checkpoint);
 *   <li>{@link #snapshot} seals the ids emitted since the previous snapshot under that checkpoint id;
 *   <li>{@link #checkpointComplete} returns, in emission order, and forgets every sealed batch whose checkpoint id
 *       is at most the completed one: Flink may skip a completion notice, and the next one covers it;
 *   <li>{@link #checkpointAborted} keeps the batch; a later completion acknowledges it;
 *   <li>{@link #clear} and {@link #close} forget everything: after a failure nothing is acknowledged, and the
 *       broker sends the unacknowledged messages again.
 * </ul>
 *
 * <p>Not thread-safe; pure (no MQTT client, no Flink), so that the rules are unit-tested on their own.
 */
@Internal
public final class AckTracker {
    private static final int[] NONE = new int[0];

    private int[] open = new int[64];
    private int openSize;
    private final ArrayDeque<SealedBatch> sealed = new ArrayDeque<>();
    private int sealedCount;
    private boolean closed;

    /** A record carrying this packet id has been emitted downstream. */
    public void emitted(int packetId) {
        if (closed) {
            return;
        }
        if (openSize == open.length) {
            open = Arrays.copyOf(open, openSize * 2);
        }
        open[openSize++] = packetId;
    }

    /** Checkpoint {@code checkpointId} is being taken: ids emitted so far belong to it. */
    public void snapshot(long checkpointId) {
        if (closed || openSize == 0) {
            return;
        }
        sealed.addLast(new SealedBatch(checkpointId, Arrays.copyOf(open, openSize)));
        sealedCount += openSize;
        openSize = 0;
        if (open.length > 4096) {
            // A burst grew the buffer; give the memory back rather than keep it for the reader's lifetime.
            open = new int[64];
        }
    }

    /** Checkpoint {@code checkpointId} completed: the ids it and any earlier checkpoint cover, in emission order. */
    public int[] checkpointComplete(long checkpointId) {
        if (closed || sealed.isEmpty()) {
            return NONE;
        }
        int total = 0;
        for (SealedBatch batch : sealed) {
            if (batch.checkpointId <= checkpointId) {
                total += batch.ids.length;
            }
        }
        if (total == 0) {
            return NONE;
        }
        int[] result = new int[total];
        int at = 0;
        for (Iterator<SealedBatch> it = sealed.iterator(); it.hasNext(); ) {
            SealedBatch batch = it.next();
            if (batch.checkpointId <= checkpointId) {
                System.arraycopy(batch.ids, 0, result, at, batch.ids.length);
                at += batch.ids.length;
                it.remove();
            }
        }
        sealedCount -= total;
        return result;
    }

    /**
     * Checkpoint {@code checkpointId} was aborted. Its ids stay sealed under its id, so the next completed
     * checkpoint (a higher id) acknowledges them.
     */
    public void checkpointAborted(long checkpointId) {}

    /** Ids emitted and not yet returned for acknowledgement. */
    public int pending() {
        return openSize + sealedCount;
    }

    /** Forgets every id (the broker session they belong to is gone); tracking goes on. */
    public void clear() {
        openSize = 0;
        sealed.clear();
        sealedCount = 0;
    }

    /** Forgets every id and ignores all further calls: a closed reader acknowledges nothing. */
    public void close() {
        clear();
        closed = true;
    }

    private static final class SealedBatch {
        final long checkpointId;
        final int[] ids;

        SealedBatch(long checkpointId, int[] ids) {
            this.checkpointId = checkpointId;
            this.ids = ids;
        }
    }
}
