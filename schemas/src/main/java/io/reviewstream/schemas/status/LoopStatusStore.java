package io.reviewstream.schemas.status;

import io.reviewstream.schemas.avro.HumanLoopStatus;
import io.reviewstream.schemas.avro.LoopStatusEvent;
import io.reviewstream.schemas.store.RocksDatabase;
import io.reviewstream.schemas.topic.Topic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Snapshot;
import org.rocksdb.WriteBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import static io.reviewstream.schemas.store.Keys.concat;
import static io.reviewstream.schemas.store.Keys.sized;
import static io.reviewstream.schemas.store.Keys.startsWith;
import static io.reviewstream.schemas.store.Keys.time;
import static io.reviewstream.schemas.store.Keys.utf8;

/**
 * The latest status of every loop in rs.loop-status, kept on disk in RocksDB (off the Java heap), with what
 * DescribeHumanLoop, ListHumanLoops and the InProgress quota ask of it:
 * <ul>
 *   <li>the status by loop name;</li>
 *   <li>an index by flow, creation time and loop name, so that a page of a flow's loops in either order and within a
 *       creation-time window is one bounded range scan, never a scan of every loop;</li>
 *   <li>the number of InProgress loops per flow, kept as a counter: each update is counted by the loop's previous
 *       stored status against its new one, so the heap holds one number per flow, not one entry per loop.</li>
 * </ul>
 * Each polled batch of records is applied in one RocksDB {@link WriteBatch} together with the next offset of every
 * partition it read: data, index, counters and checkpoint change atomically, so a restart, even after a kill -9,
 * resumes from the checkpoint instead of re-reading the topic, and never counts a record twice or loses one.
 *
 * <p>Why not a Kafka Streams global store: its restoration copies records into the store without running the
 * processor that keeps the index and the counters, its checkpoint file is written apart from the data, and
 * read-your-write would need the position of a store the application does not expose. The topic is already the
 * changelog of this store; a plain consumer of all its partitions on every instance is all it needs.
 *
 * <p>Values are the topic's own bytes, behind a small header (InProgress flag, flow, creation time) that the index
 * and counters are maintained from without decoding the previous value; reads decode with the topic's deserializer,
 * so a value written under an older schema reads as it does from the topic.
 */
public final class LoopStatusStore implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LoopStatusStore.class);
    private static final byte STATUS = 's';
    private static final byte BY_FLOW = 'f';
    private static final byte IN_PROGRESS = 'c';
    private static final byte OFFSET = 'o';
    private static final byte[] CURRENT_AT = {'u'};
    private static final byte[] TOPIC_ID = {'t'};
    /** Beyond every byte of a UTF-8 name: the upper bound of the names at one creation time. */
    private static final byte[] AFTER_ANY_NAME = {(byte) 0xFF};
    /** Memtables are off-heap but count towards the process: small ones suffice for a status per loop. */
    private static final long WRITE_BUFFER_BYTES = 16L * 1024 * 1024;

    /** A loop's place in a flow's listing: its creation time, then its name. */
    public record Position(long creationMillis, String name) {
    }

    private final String topicName;
    private final Deserializer<LoopStatusEvent> deserializer;
    /** InProgress loops per flow, as on disk; flows without any have no entry. */
    private final Map<String, Long> inProgress = new ConcurrentHashMap<>();
    private final RocksDatabase rocks;

    /**
     * @param stateDir the service's state folder; the store lives in a folder named after the topic, so that
     *                 another topic prefix starts from an empty store rather than from another topic's offsets
     */
    public LoopStatusStore(Path stateDir, Topic<String, LoopStatusEvent> topic) {
        this.topicName = topic.name();
        this.deserializer = topic.valueSerde().deserializer();
        this.rocks = new RocksDatabase(stateDir.resolve(topic.name()), "the loop status store", WRITE_BUFFER_BYTES,
                this::readCounts);
    }

    public Optional<LoopStatusEvent> get(String name) {
        byte[] stored = using(db -> db.get(statusKey(name)));
        return stored == null ? Optional.empty() : Optional.of(decode(stored));
    }

    /** The flow a loop counts towards as InProgress on disk, or null when it does not (or is not known). */
    public String inProgressFlow(String name) {
        byte[] stored = using(db -> db.get(statusKey(name)));
        return stored == null ? null : Header.of(stored).inProgressFlow();
    }

    /** InProgress loops of the flow as stored. */
    public long inProgress(String flow) {
        return inProgress.getOrDefault(flow, 0L);
    }

    /** Flows with InProgress loops: what the heap holds of the counts. */
    public Set<String> countedFlows() {
        return Collections.unmodifiableSet(inProgress.keySet());
    }

    /**
     * Up to {@code limit} loops of a flow, in the order of their positions, read from one snapshot.
     *
     * @param fromMillis earliest creation time, inclusive
     * @param toMillis   latest creation time, inclusive
     * @param after      the position the page continues after (exclusive), or null for the first page
     * @param include    loops to leave out (those the caller answers from elsewhere) are skipped, not counted
     */
    public List<LoopStatusEvent> page(String flow, long fromMillis, long toMillis, Position after, boolean descending,
                                      int limit, Predicate<String> include) {
        byte[] prefix = flowPrefix(flow);
        List<byte[]> values = using(db -> {
            List<byte[]> found = new ArrayList<>();
            Snapshot snapshot = db.getSnapshot();
            try (ReadOptions at = new ReadOptions().setSnapshot(snapshot);
                 RocksIterator it = db.newIterator(at)) {
                seek(it, prefix, fromMillis, toMillis, after, descending);
                for (; it.isValid() && startsWith(it.key(), prefix) && found.size() < limit;
                     step(it, descending)) {
                    Position position = position(it.key(), prefix.length);
                    if (descending ? position.creationMillis() < fromMillis : position.creationMillis() > toMillis) {
                        break;
                    }
                    if ((after != null && position.equals(after)) || !include.test(position.name())) {
                        continue;
                    }
                    byte[] stored = db.get(at, statusKey(position.name()));
                    if (stored != null) {
                        found.add(stored);
                    }
                }
            } finally {
                db.releaseSnapshot(snapshot);
            }
            return found;
        });
        return values.stream().map(this::decode).toList();
    }

    /** The next offset to read of each partition, as of the last batch applied. */
    public Map<Integer, Long> checkpoint() {
        return using(db -> {
            Map<Integer, Long> offsets = new HashMap<>();
            try (RocksIterator it = db.newIterator()) {
                byte[] prefix = {OFFSET};
                for (it.seek(prefix); it.isValid() && startsWith(it.key(), prefix); it.next()) {
                    offsets.put(ByteBuffer.wrap(it.key(), 1, Integer.BYTES).getInt(), ByteBuffer.wrap(it.value()).getLong());
                }
            }
            return offsets;
        });
    }

    /** The id of the topic the store was filled from, or null if it was not known. */
    public String topicId() {
        byte[] stored = using(db -> db.get(TOPIC_ID));
        return stored == null ? null : new String(stored, StandardCharsets.UTF_8);
    }

    /** Notes the id of the topic the store is filled from: a topic of the same name created anew has another. */
    public void topicId(String id) {
        using(db -> {
            db.put(rocks.writeOptions(), TOPIC_ID, utf8(id));
            return null;
        });
    }

    /** The last time the store held every record the topic had then, or null if it never has. */
    public Instant currentAt() {
        byte[] stored = using(db -> db.get(CURRENT_AT));
        return stored == null ? null : Instant.ofEpochMilli(ByteBuffer.wrap(stored).getLong());
    }

    /** Notes that the store holds every record the topic had at {@code time}. */
    public void markCurrent(Instant time) {
        using(db -> {
            db.put(rocks.writeOptions(), CURRENT_AT, ByteBuffer.allocate(Long.BYTES).putLong(time.toEpochMilli()).array());
            return null;
        });
    }

    /**
     * Applies a batch read from the topic, with the next offset of each partition it contains, in one atomic write.
     * A record that cannot be read changes nothing but its partition's offset, as a view skips it.
     *
     * @return the names of the loops the batch changed, for whoever overlays them
     */
    public Set<String> apply(Iterable<ConsumerRecord<String, byte[]>> records) {
        Set<String> names = new LinkedHashSet<>();
        Map<String, Long> deltas = new HashMap<>();
        using(db -> {
            Map<String, byte[]> pending = new HashMap<>();
            Map<Integer, Long> offsets = new HashMap<>();
            try (WriteBatch batch = new WriteBatch()) {
                for (ConsumerRecord<String, byte[]> record : records) {
                    offsets.put(record.partition(), record.offset() + 1);
                    byte[] value = encode(record);
                    if (record.key() == null || value == null && record.value() != null) {
                        continue;
                    }
                    String name = record.key();
                    byte[] key = statusKey(name);
                    byte[] previous = pending.containsKey(name) ? pending.get(name) : db.get(key);
                    if (previous != null) {
                        Header before = Header.of(previous);
                        batch.delete(indexKey(before.flow(), before.creationMillis(), name));
                        if (before.inProgressFlow() != null) {
                            deltas.merge(before.flow(), -1L, Long::sum);
                        }
                    }
                    if (value == null) {
                        batch.delete(key);
                    } else {
                        Header after = Header.of(value);
                        batch.put(key, value);
                        batch.put(indexKey(after.flow(), after.creationMillis(), name), new byte[0]);
                        if (after.inProgressFlow() != null) {
                            deltas.merge(after.flow(), 1L, Long::sum);
                        }
                    }
                    pending.put(name, value);
                    names.add(name);
                }
                deltas.forEach((flow, delta) -> {
                    long count = inProgress(flow) + delta;
                    try {
                        if (count == 0) {
                            batch.delete(countKey(flow));
                        } else {
                            batch.put(countKey(flow), ByteBuffer.allocate(Long.BYTES).putLong(count).array());
                        }
                    } catch (RocksDBException e) {
                        throw new IllegalStateException(e);
                    }
                });
                for (Map.Entry<Integer, Long> offset : offsets.entrySet()) {
                    batch.put(offsetKey(offset.getKey()), ByteBuffer.allocate(Long.BYTES).putLong(offset.getValue())
                            .array());
                }
                db.write(rocks.writeOptions(), batch);
            }
            // the one writer is this thread, so the counts it read above are still the stored ones
            deltas.forEach((flow, delta) -> inProgress.compute(flow, (f, count) -> {
                long updated = (count == null ? 0 : count) + delta;
                return updated == 0 ? null : updated;
            }));
            return null;
        });
        return names;
    }

    /** Empties the store, for a checkpoint the topic no longer matches: it is then rebuilt from the topic. */
    public void reset() {
        rocks.reset(inProgress::clear);
    }

    @Override
    public void close() {
        rocks.close();
    }

    private Void readCounts(RocksDB db) {
        try (RocksIterator it = db.newIterator()) {
            byte[] prefix = {IN_PROGRESS};
            for (it.seek(prefix); it.isValid() && startsWith(it.key(), prefix); it.next()) {
                inProgress.put(new String(it.key(), 1, it.key().length - 1, StandardCharsets.UTF_8),
                        ByteBuffer.wrap(it.value()).getLong());
            }
        }
        return null;
    }

    /** The stored form of a record's value: header and the topic's bytes; null for a tombstone or an unreadable one. */
    private byte[] encode(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return null;
        }
        LoopStatusEvent status;
        try {
            status = deserializer.deserialize(topicName, record.value());
        } catch (RuntimeException e) {
            log.warn("Skipping unreadable record {}-{}@{} of the loop statuses: {}", record.topic(),
                    record.partition(), record.offset(), e.getMessage());
            return null;
        }
        byte[] flow = status.getFlowDefinitionName().getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(1 + Short.BYTES + flow.length + Long.BYTES + record.value().length)
                .put((byte) (status.getStatus() == HumanLoopStatus.IN_PROGRESS ? 1 : 0))
                .putShort((short) flow.length).put(flow)
                .putLong(status.getCreationTime().toEpochMilli())
                .put(record.value())
                .array();
    }

    private LoopStatusEvent decode(byte[] stored) {
        return deserializer.deserialize(topicName, Arrays.copyOfRange(stored, Header.of(stored).length(),
                stored.length));
    }

    /** What the index and the counters are kept by, read without decoding the value. */
    private record Header(boolean inProgressFlag, String flow, long creationMillis, int length) {

        static Header of(byte[] stored) {
            ByteBuffer in = ByteBuffer.wrap(stored);
            boolean flag = in.get() == 1;
            byte[] flow = new byte[Short.toUnsignedInt(in.getShort())];
            in.get(flow);
            long created = in.getLong();
            return new Header(flag, new String(flow, StandardCharsets.UTF_8), created, in.position());
        }

        String inProgressFlow() {
            return inProgressFlag ? flow : null;
        }
    }

    private static void seek(RocksIterator it, byte[] prefix, long fromMillis, long toMillis, Position after,
                             boolean descending) {
        if (descending) {
            if (after != null && after.creationMillis() <= toMillis) {
                it.seekForPrev(concat(prefix, time(after.creationMillis()), utf8(after.name())));
            } else {
                it.seekForPrev(concat(prefix, time(toMillis), AFTER_ANY_NAME));
            }
        } else if (after != null && after.creationMillis() >= fromMillis) {
            it.seek(concat(prefix, time(after.creationMillis()), utf8(after.name())));
        } else {
            it.seek(concat(prefix, time(fromMillis)));
        }
    }

    private static void step(RocksIterator it, boolean descending) {
        if (descending) {
            it.prev();
        } else {
            it.next();
        }
    }

    private static Position position(byte[] indexKey, int prefixLength) {
        long created = time(indexKey, prefixLength);
        int nameStart = prefixLength + Long.BYTES;
        return new Position(created, new String(indexKey, nameStart, indexKey.length - nameStart,
                StandardCharsets.UTF_8));
    }

    private static byte[] statusKey(String name) {
        return concat(new byte[]{STATUS}, utf8(name));
    }

    private static byte[] countKey(String flow) {
        return concat(new byte[]{IN_PROGRESS}, utf8(flow));
    }

    private static byte[] offsetKey(int partition) {
        return ByteBuffer.allocate(1 + Integer.BYTES).put(OFFSET).putInt(partition).array();
    }

    /** The flow's name with its length first, so that no flow's keys run into another's whose name it begins. */
    private static byte[] flowPrefix(String flow) {
        return sized(BY_FLOW, flow);
    }

    private static byte[] indexKey(String flow, long creationMillis, String name) {
        return concat(flowPrefix(flow), time(creationMillis), utf8(name));
    }


    private <T> T using(RocksDatabase.DbAction<T> action) {
        return rocks.using(action);
    }
}
