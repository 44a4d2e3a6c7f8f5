package io.reviewstream.schemas.compat;

import io.reviewstream.schemas.avro.LoopTasks;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Every top-level schema must stay BACKWARD compatible with each of its committed versions under
 * {@code src/test/resources/schema-history/<Name>/v<N>.avsc}: a service with the new schema must read every record
 * already on a topic. A changed schema needs its new version committed there, which is what makes the history
 * grow; run with {@code -Dreviewstream.schema.snapshot=true} to write the missing snapshot.
 */
class SchemaCompatibilityTest {

    private static final Path AVRO_SOURCES = Path.of("src/main/avro");
    private static final Path HISTORY = Path.of("src/test/resources/schema-history");
    /** Not events, but a new version of a service restores the old one's changelog, so they evolve like events. */
    private static final List<Schema> STATE_STORE_VALUES = List.of(LoopTasks.getClassSchema());

    @Test
    void everyTopLevelSchemaIsBackwardCompatibleWithItsHistory() throws IOException {
        List<String> problems = new ArrayList<>();
        List<Schema> evolving = new ArrayList<>(topLevelSchemas());
        evolving.addAll(STATE_STORE_VALUES);
        for (Schema current : evolving) {
            List<Path> versions = history(current.getName());
            if (versions.isEmpty() || !sameParsingForm(current, parse(versions.get(versions.size() - 1)))) {
                problems.add(snapshotMissing(current, versions.size() + 1));
                continue;
            }
            for (Path version : versions) {
                var result = SchemaCompatibility.checkReaderWriterCompatibility(current, parse(version));
                if (result.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
                    problems.add(current.getName() + " cannot read records written with " + version + ": "
                            + result.getResult().getIncompatibilities());
                }
            }
        }
        if (!problems.isEmpty()) {
            fail(String.join("\n", problems));
        }
    }

    @Test
    void everyEnumHasADefaultSymbolSoThatOldReadersSurviveNewSymbols() throws IOException {
        Set<String> seen = new HashSet<>();
        List<String> withoutDefault = new ArrayList<>();
        for (Schema schema : topLevelSchemas()) {
            collectEnumsWithoutDefault(schema, seen, withoutDefault);
        }
        assertThat(withoutDefault).as("enums without a default symbol").isEmpty();
    }

    @Test
    void everyTopLevelEventCarriesTheEnvelope() throws IOException {
        for (Schema schema : topLevelSchemas()) {
            assertThat(schema.getField("envelope")).as(schema.getName() + ".envelope").isNotNull();
            assertThat(schema.getField("envelope").schema().getName()).isEqualTo("Envelope");
        }
    }

    private static List<Schema> topLevelSchemas() throws IOException {
        JsonMapper json = JsonMapper.builder().build();
        List<Schema> schemas = new ArrayList<>();
        try (Stream<Path> files = Files.walk(AVRO_SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".avsc")).sorted().toList()) {
                JsonNode root = json.readTree(file.toFile());
                if (!"record".equals(root.path("type").asString()) || !hasEnvelope(root)) {
                    continue;
                }
                String className = root.path("namespace").asString() + "." + root.path("name").asString();
                try {
                    schemas.add(SpecificData.get().getSchema(Class.forName(className)));
                } catch (ClassNotFoundException e) {
                    throw new AssertionError("No generated class for " + file, e);
                }
            }
        }
        assertThat(schemas).as("top-level schemas found under " + AVRO_SOURCES).isNotEmpty();
        return schemas;
    }

    private static boolean hasEnvelope(JsonNode record) {
        for (JsonNode field : record.path("fields")) {
            if ("envelope".equals(field.path("name").asString())) {
                return true;
            }
        }
        return false;
    }

    private static List<Path> history(String name) throws IOException {
        Path dir = HISTORY.resolve(name);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().matches("v\\d+\\.avsc"))
                    .sorted(Comparator.comparingInt(SchemaCompatibilityTest::versionOf))
                    .toList();
        }
    }

    private static int versionOf(Path file) {
        String name = file.getFileName().toString();
        return Integer.parseInt(name.substring(1, name.length() - ".avsc".length()));
    }

    private static Schema parse(Path file) throws IOException {
        return new Schema.Parser().parse(file.toFile());
    }

    private static boolean sameParsingForm(Schema a, Schema b) {
        return SchemaNormalization.toParsingForm(a).equals(SchemaNormalization.toParsingForm(b));
    }

    private static String snapshotMissing(Schema current, int nextVersion) throws IOException {
        Path target = HISTORY.resolve(current.getName()).resolve("v" + nextVersion + ".avsc");
        if (Boolean.getBoolean("reviewstream.schema.snapshot")) {
            Files.createDirectories(target.getParent());
            Files.writeString(target, current.toString(true) + "\n");
        }
        return current.getName() + " differs from its newest committed version: commit it as " + target;
    }

    private static void collectEnumsWithoutDefault(Schema schema, Set<String> seen, List<String> out) {
        switch (schema.getType()) {
            case RECORD -> {
                if (seen.add(schema.getFullName())) {
                    schema.getFields().forEach(f -> collectEnumsWithoutDefault(f.schema(), seen, out));
                }
            }
            case ENUM -> {
                if (seen.add(schema.getFullName()) && schema.getEnumDefault() == null) {
                    out.add(schema.getFullName());
                }
            }
            case UNION -> schema.getTypes().forEach(t -> collectEnumsWithoutDefault(t, seen, out));
            case ARRAY -> collectEnumsWithoutDefault(schema.getElementType(), seen, out);
            case MAP -> collectEnumsWithoutDefault(schema.getValueType(), seen, out);
            default -> {
            }
        }
    }
}
