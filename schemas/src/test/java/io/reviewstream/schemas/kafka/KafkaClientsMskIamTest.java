package io.reviewstream.schemas.kafka;

import io.reviewstream.schemas.config.SchemasAutoConfiguration;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Amazon MSK's IAM login is a library the services carry but name only in configuration: selected through
 * {@code spring.kafka.properties.sasl.*}, Kafka finds and loads its classes; not selected, none of them is loaded. No
 * MSK cluster is reachable here, so the clients are built but never log in.
 */
class KafkaClientsMskIamTest {

    private static final String LIBRARY_PACKAGE = "software.amazon.msk.";
    private static final String LOGIN_MODULE = "software.amazon.msk.auth.iam.IAMLoginModule";
    private static final String CALLBACK_HANDLER = "software.amazon.msk.auth.iam.IAMClientCallbackHandler";

    private static ApplicationContextRunner context() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class, SchemasAutoConfiguration.class))
                // nothing listens there: building the clients is what is tested, not a login
                .withPropertyValues("spring.kafka.admin.auto-create=false",
                        "reviewstream.kafka.startup-check-timeout=0s",
                        "spring.kafka.bootstrap-servers=127.0.0.1:9098");
    }

    private static ApplicationContextRunner iam() {
        return context().withPropertyValues(
                "spring.kafka.security.protocol=SASL_SSL",
                "spring.kafka.properties.sasl.mechanism=AWS_MSK_IAM",
                "spring.kafka.properties.sasl.jaas.config=" + LOGIN_MODULE + " required;",
                "spring.kafka.properties.sasl.client.callback.handler.class=" + CALLBACK_HANDLER);
    }

    @Test
    void theIamSettingsReachEveryKindOfClientAndKafkaResolvesTheirClasses() {
        iam().run(context -> {
            KafkaClients clients = context.getBean(KafkaClients.class);
            for (Map<String, Object> config : allKinds(clients)) {
                assertThat(config).containsEntry(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_SSL")
                        .containsEntry(SaslConfigs.SASL_MECHANISM, "AWS_MSK_IAM")
                        .containsEntry(SaslConfigs.SASL_JAAS_CONFIG, LOGIN_MODULE + " required;")
                        .containsEntry(SaslConfigs.SASL_CLIENT_CALLBACK_HANDLER_CLASS, CALLBACK_HANDLER);
            }
            Map<String, Object> producer = clients.producerConfig(Map.of());
            assertThat(new ProducerConfig(withSerializers(producer))
                    .getClass(SaslConfigs.SASL_CLIENT_CALLBACK_HANDLER_CLASS).getName()).isEqualTo(CALLBACK_HANDLER);
            // a producer logs in (JAAS) and sets up its SASL channel when it is built: both take the library's classes
            assertThat(classesLoadedBuildingAProducer(producer)).contains(LOGIN_MODULE, CALLBACK_HANDLER);
        });
    }

    @Test
    void notSelectedNoneOfTheLibraryIsConfiguredOrLoaded() {
        context().run(context -> {
            KafkaClients clients = context.getBean(KafkaClients.class);
            for (Map<String, Object> config : allKinds(clients)) {
                assertThat(config.values()).noneMatch(value -> String.valueOf(value).contains(LIBRARY_PACKAGE));
            }
            Set<String> loaded = classesLoadedBuildingAProducer(clients.producerConfig(Map.of()));
            assertThat(loaded).contains(KafkaProducer.class.getName())
                    .noneMatch(name -> name.startsWith(LIBRARY_PACKAGE));
        });
    }

    private static List<Map<String, Object>> allKinds(KafkaClients clients) {
        return List.of(clients.producerConfig(Map.of()), clients.consumerConfig(Map.of()),
                clients.adminConfig(Map.of()), clients.streamsConfig(Map.of()));
    }

    /** Class-valued settings become names, so that a producer of another class loader can resolve them itself. */
    private static Map<String, Object> withSerializers(Map<String, Object> config) {
        Map<String, Object> named = new HashMap<>(config);
        named.replaceAll((key, value) -> value instanceof Class<?> type ? type.getName() : value);
        named.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        named.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return named;
    }

    /**
     * Builds and closes a producer in a class loader of its own, which starts with no class loaded, and returns the
     * classes that took. Kafka and the JAAS login resolve configured classes through the context class loader.
     */
    private static Set<String> classesLoadedBuildingAProducer(Map<String, Object> config) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (RecordingClassLoader loader = new RecordingClassLoader()) {
            thread.setContextClassLoader(loader);
            Object producer = loader.loadClass(KafkaProducer.class.getName()).getConstructor(Map.class)
                    .newInstance(withSerializers(config));
            ((AutoCloseable) producer).close();
            return Set.copyOf(loader.defined);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** Defines every class of the test class path itself, rather than asking the application class loader. */
    private static final class RecordingClassLoader extends URLClassLoader {

        private final Set<String> defined = ConcurrentHashMap.newKeySet();

        RecordingClassLoader() {
            super(classPath(), ClassLoader.getPlatformClassLoader());
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            Class<?> type = super.findClass(name);
            defined.add(name);
            return type;
        }

        private static URL[] classPath() {
            return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                    .map(entry -> {
                        try {
                            return Path.of(entry).toUri().toURL();
                        } catch (MalformedURLException e) {
                            throw new IllegalStateException(e);
                        }
                    })
                    .toArray(URL[]::new);
        }
    }
}
