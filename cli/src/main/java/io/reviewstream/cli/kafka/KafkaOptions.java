package io.reviewstream.cli.kafka;

import io.reviewstream.cli.OperationFailedException;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * How to reach the Kafka cluster: a Kafka client properties file for everything a secured cluster needs (TLS, SASL,
 * as {@code kafka-console-consumer --consumer.config} takes it), and the bootstrap servers, which win over the file's.
 */
public final class KafkaOptions {

    private static final String DEFAULT_BOOTSTRAP_SERVERS = "localhost:9092";

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers (default: the file's bootstrap.servers, else "
                    + DEFAULT_BOOTSTRAP_SERVERS + ")")
    String bootstrapServers;

    @Option(names = "--kafka-config", paramLabel = "FILE",
            description = "Kafka client properties: security.protocol, ssl.*, sasl.* …")
    Path configFile;

    /** The client settings, before the command's own (which win: they are what the command relies on). */
    public Map<String, Object> clientConfig() {
        Map<String, Object> config = new HashMap<>();
        if (configFile != null) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(configFile)) {
                properties.load(reader);
            } catch (NoSuchFileException e) {
                throw new OperationFailedException("No such file: " + configFile);
            } catch (IOException e) {
                throw new OperationFailedException("Cannot read " + configFile + ": " + e.getMessage());
            }
            properties.forEach((key, value) -> config.put(key.toString(), value));
        }
        if (bootstrapServers != null) {
            config.put("bootstrap.servers", bootstrapServers);
        }
        config.putIfAbsent("bootstrap.servers", DEFAULT_BOOTSTRAP_SERVERS);
        return config;
    }
}
