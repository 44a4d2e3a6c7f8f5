package io.reviewstream.flowservice.console.history;

import io.reviewstream.schemas.avro.Decision;
import io.reviewstream.schemas.store.RocksDatabase;
import io.reviewstream.schemas.topic.Topic;
import io.reviewstream.schemas.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.reviewstream.schemas.store.Keys.concat;
import static io.reviewstream.schemas.store.Keys.sized;
import static io.reviewstream.schemas.store.Keys.startsWith;
import static io.reviewstream.schemas.store.Keys.time;

/**
 * Every record about a loop on the topics its history is told on, kept on disk in RocksDB by loop name and time, so
 * that a loop's timeline is one prefix scan and the heap holds nothing per loop. The records are stored as the
 * topic's bytes, keyed by their topic, partition and offset as well, so that reading a record twice (after a crash
 * between a batch and its checkpoint) stores it once. Each polled batch is written in one atomic batch with the next
 * offset of every partition it read.
 *
 * <p>Decisions are keyed by prediction id on their topic and are filed under the loop they started; decisions that
 * started none are not history of any loop and are left out. A loop's tombstone on rs.loop-status (DeleteHumanLoop)
 * deletes its history.
 */
public final class LoopHistoryStore implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LoopHistoryStore.class);
    private static final byte EVENT = 'h';
    private static final byte OFFSET = 'o';
    private static final long WRITE_BUFFER_BYTES = 16L * 1024 * 1024;
    /** After every event key of a loop: its time (8 bytes) and topic (1) never reach all 0xFF. */
    private static final byte[] AFTER_ANY_EVENT = {-1, -1, -1, -1, -1, -1, -1, -1, -1};

    /** One stored record of a loop: which topic it came from, when it was written, and its bytes. */
    public record Entry(String topic, long timestamp, byte[] value) {
    }

    private final List<String> topicNames;
    private final String decisionsTopic;
    private final String loopStatusTopic;
    private final Deserializer<Decision> decisions;
    private final RocksDatabase rocks;

    /** @param stateDir the service's state folder; the store lives in a folder named after the history's topics' prefix */
    public LoopHistoryStore(Path stateDir, Topics topics) {
        this.topicNames = historyTopics(topics).stream().map(Topic::name).toList();
        this.decisionsTopic = topics.decisions.name();
        this.loopStatusTopic = topics.loopStatus.name();
        this.decisions = topics.decisions.valueSerde().deserializer();
        this.rocks = new RocksDatabase(stateDir.resolve(topics.name("loop-history")), "the loop history store",
                WRITE_BUFFER_BYTES, db -> null);
    }

    /** The topics a loop's history is read from, in the order they are told apart on disk. */
    public static List<Topic<String, ?>> historyTopics(Topics topics) {
        return List.of(topics.decisions, topics.loops, topics.loopCommands, topics.taskEvents, topics.answers,
                topics.loopCompleted, topics.loopStatus);
    }

    /** Up to {@code limit} records of the loop, oldest first. */
    public List<Entry> history(String loopName, int limit) {
        byte[] prefix = sized(EVENT, loopName);
        return rocks.using(db -> {
            List<Entry> found = new ArrayList<>();
            try (RocksIterator it = db.newIterator()) {
                for (it.seek(prefix); it.isValid() && startsWith(it.key(), prefix) && found.size() < limit; it.next()) {
                    byte[] value = it.value();
                    found.add(new Entry(topicNames.get(value[0]), time(it.key(), prefix.length),
                            Arrays.copyOfRange(value, 1, value.length)));
                }
            }
            return found;
        });
    }

    /** The next offset to read of each partition of each topic, as of the last batch applied. */
    public Map<String, Map<Integer, Long>> checkpoint() {
        return rocks.using(db -> {
            Map<String, Map<Integer, Long>> offsets = new HashMap<>();
            try (RocksIterator it = db.newIterator()) {
                byte[] prefix = {OFFSET};
                for (it.seek(prefix); it.isValid() && startsWith(it.key(), prefix); it.next()) {
                    ByteBuffer key = ByteBuffer.wrap(it.key(), 1, it.key().length - 1);
                    byte[] topic = new byte[Short.toUnsignedInt(key.getShort())];
                    key.get(topic);
                    offsets.computeIfAbsent(new String(topic, StandardCharsets.UTF_8), t -> new HashMap<>())
                            .put(key.getInt(), ByteBuffer.wrap(it.value()).getLong());
                }
            }
            return offsets;
        });
    }

    /** Applies a polled batch and the next offset of each partition it read, in one atomic write. */
    public void apply(Iterable<ConsumerRecord<String, byte[]>> records) {
        rocks.using(db -> {
            Map<String, Map<Integer, Long>> offsets = new HashMap<>();
            try (WriteBatch batch = new WriteBatch()) {
                for (ConsumerRecord<String, byte[]> record : records) {
                    offsets.computeIfAbsent(record.topic(), t -> new HashMap<>())
                            .put(record.partition(), record.offset() + 1);
                    file(batch, record);
                }
                for (var topic : offsets.entrySet()) {
                    for (var offset : topic.getValue().entrySet()) {
                        batch.put(concat(sized(OFFSET, topic.getKey()),
                                        ByteBuffer.allocate(Integer.BYTES).putInt(offset.getKey()).array()),
                                ByteBuffer.allocate(Long.BYTES).putLong(offset.getValue()).array());
                    }
                }
                db.write(rocks.writeOptions(), batch);
            }
            return null;
        });
    }

    @Override
    public void close() {
        rocks.close();
    }

    private void file(WriteBatch batch, ConsumerRecord<String, byte[]> record) throws RocksDBException {
        if (record.topic().equals(loopStatusTopic)) {
            if (record.value() == null && record.key() != null) {
                byte[] prefix = sized(EVENT, record.key());
                batch.deleteRange(prefix, concat(prefix, AFTER_ANY_EVENT));
            }
            return;
        }
        String loop = loopOf(record);
        if (loop == null || record.value() == null) {
            return;
        }
        int topic = topicNames.indexOf(record.topic());
        byte[] key = concat(sized(EVENT, loop), time(record.timestamp()), new byte[]{(byte) topic},
                ByteBuffer.allocate(Integer.BYTES + Long.BYTES).putInt(record.partition()).putLong(record.offset())
                        .array());
        batch.put(key, concat(new byte[]{(byte) topic}, record.value()));
    }

    /** The loop a record is about: its key, but for a decision the loop it started, if any. */
    private String loopOf(ConsumerRecord<String, byte[]> record) {
        if (!record.topic().equals(decisionsTopic)) {
            return record.key();
        }
        if (record.value() == null) {
            return null;
        }
        try {
            Decision decision = decisions.deserialize(record.topic(), record.value());
            return decision.getHumanLoopName() == null ? null : decision.getHumanLoopName().toString();
        } catch (RuntimeException e) {
            log.warn("Skipping unreadable decision {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            return null;
        }
    }
}
