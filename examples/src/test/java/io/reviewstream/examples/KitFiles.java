package io.reviewstream.examples;

import software.amazon.awssdk.services.sagemaker.model.CreateFlowDefinitionRequest;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A kit's folder as a user gets it: the flow definition request in the AWS CLI's JSON form, read into the SDK's
 * request exactly as written (an unknown or misspelt key fails), and the task template.
 */
final class KitFiles {

    /** PascalCase keys onto the SDK builders' setters, as the AWS CLI's --cli-input-json reads them. */
    private static final JsonMapper CLI_JSON = JsonMapper.builder()
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final Path folder;

    KitFiles(String kit) {
        // the tests run in the examples module, whose folder holds the kits
        this.folder = Path.of(kit);
    }

    CreateFlowDefinitionRequest flowDefinition() throws IOException {
        return CLI_JSON.readValue(folder.resolve("flow.json").toFile(),
                CreateFlowDefinitionRequest.serializableBuilderClass()).build();
    }

    String template() throws IOException {
        return Files.readString(folder.resolve("template.html"));
    }
}
