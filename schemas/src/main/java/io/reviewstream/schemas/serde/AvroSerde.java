package io.reviewstream.schemas.serde;

import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Avro values in the Confluent wire format: magic byte 0, the 4-byte big-endian schema id from the registry, then
 * Avro binary. The schema is registered under the TopicNameStrategy subject ({@code <topic>-value} or
 * {@code <topic>-key}) on first use. Records written with an older compatible schema are resolved to the
 * generated class's schema.
 *
 * <p>One instance per value type; it holds only caches, so it is safe to share between threads.
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T>, Serializer<T>, Deserializer<T> {

    static final byte MAGIC_BYTE = 0;
    static final int HEADER_LENGTH = 5;

    private final SchemaRegistryClient registry;
    private final Class<T> type;
    private final Schema readerSchema;
    private final SpecificDatumWriter<T> writer;
    private final boolean isKey;
    private final Map<String, Integer> idByTopic = new ConcurrentHashMap<>();
    private final Map<Integer, SpecificDatumReader<T>> readersByWriterId = new ConcurrentHashMap<>();
    private final ThreadLocal<Output> outputs = ThreadLocal.withInitial(Output::new);
    private final ThreadLocal<BinaryDecoder> decoders = new ThreadLocal<>();

    public AvroSerde(SchemaRegistryClient registry, Class<T> type, boolean isKey) {
        AvroTrust.ensureInstalled();
        this.registry = registry;
        this.type = type;
        this.readerSchema = SpecificData.get().getSchema(type);
        this.writer = new SpecificDatumWriter<>(readerSchema);
        this.isKey = isKey;
    }

    public Class<T> type() {
        return type;
    }

    public Schema schema() {
        return readerSchema;
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        Integer id = idByTopic.get(topic);
        if (id == null) {
            id = idByTopic.computeIfAbsent(topic, t -> registry.register(subject(t), readerSchema));
        }
        Output output = outputs.get();
        output.start(id);
        try {
            writer.write(data, output.encoder);
            output.encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Cannot write " + type.getSimpleName() + " for topic " + topic, e);
        }
        return output.finish();
    }

    /**
     * One thread's reusable output: the encoder writes every small value byte by byte, and into a
     * {@link java.io.ByteArrayOutputStream}, synchronized per write, that was a measurable share of writing a record.
     */
    private static final class Output extends OutputStream {

        /** A buffer grown larger than this by one huge record is not kept for the next one. */
        private static final int RETAINED = 64 * 1024;

        private byte[] bytes = new byte[1024];
        private int size;
        final BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(this, null);

        void start(int schemaId) {
            size = 0;
            write(MAGIC_BYTE);
            write(schemaId >>> 24);
            write(schemaId >>> 16);
            write(schemaId >>> 8);
            write(schemaId);
        }

        byte[] finish() {
            byte[] record = Arrays.copyOf(bytes, size);
            if (bytes.length > RETAINED) {
                bytes = new byte[1024];
            }
            size = 0;
            return record;
        }

        @Override
        public void write(int b) {
            if (size == bytes.length) {
                grow(1);
            }
            bytes[size++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (bytes.length - size < len) {
                grow(len);
            }
            System.arraycopy(b, off, bytes, size, len);
            size += len;
        }

        private void grow(int needed) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + needed));
        }
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (data.length < HEADER_LENGTH || data[0] != MAGIC_BYTE) {
            throw new SerializationException("Not a Confluent-framed Avro record (expected magic byte 0 and a"
                    + " 4-byte schema id) on topic " + topic);
        }
        int writerId = ByteBuffer.wrap(data, 1, 4).getInt();
        SpecificDatumReader<T> reader = readersByWriterId.computeIfAbsent(writerId,
                id -> new SpecificDatumReader<>(registry.schemaById(id), readerSchema));
        BinaryDecoder decoder = DecoderFactory.get()
                .binaryDecoder(data, HEADER_LENGTH, data.length - HEADER_LENGTH, decoders.get());
        decoders.set(decoder);
        try {
            return reader.read(null, decoder);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Cannot read " + type.getSimpleName() + " (schema id " + writerId
                    + ") from topic " + topic + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Serializer<T> serializer() {
        return this;
    }

    @Override
    public Deserializer<T> deserializer() {
        return this;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        // Configured at construction: the registry and the type are fixed for the life of the serde.
    }

    @Override
    public void close() {
        // Shared between clients: nothing to release per client.
    }

    private String subject(String topic) {
        return topic + (isKey ? "-key" : "-value");
    }
}
