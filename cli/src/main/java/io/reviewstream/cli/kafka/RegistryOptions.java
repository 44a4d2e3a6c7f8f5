package io.reviewstream.cli.kafka;

import io.reviewstream.schemas.config.SchemaRegistryProperties;
import io.reviewstream.schemas.event.Envelopes;
import io.reviewstream.schemas.serde.RegistryConnection;
import io.reviewstream.schemas.serde.SchemaRegistryClient;
import io.reviewstream.schemas.serde.SerdeFactory;
import picocli.CommandLine.Option;

import java.time.Clock;

/** The schema registry the Avro records are written with and read with, as the services use it. */
public final class RegistryOptions {

    @Option(names = "--schema-registry-url", paramLabel = "URL",
            defaultValue = "${env:REVIEWSTREAM_SCHEMA_REGISTRY_URL:-http://localhost:8081/apis/ccompat/v7}",
            description = "Confluent-compatible schema registry API, user:password@ in the URL for basic auth "
                    + "(env REVIEWSTREAM_SCHEMA_REGISTRY_URL; default: ${DEFAULT-VALUE})")
    String url;

    public SerdeFactory serdes() {
        SchemaRegistryProperties fromUrl = new SchemaRegistryProperties(
                SchemaRegistryProperties.CredentialsSource.URL, null, null, null, null, "PKCS12");
        return new SerdeFactory(new SchemaRegistryClient(RegistryConnection.of(url, fromUrl)),
                new Envelopes(Clock.systemUTC()));
    }
}
