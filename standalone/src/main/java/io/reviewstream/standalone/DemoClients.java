package io.reviewstream.standalone;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemakera2iruntime.SageMakerA2IRuntimeClient;

import java.net.URI;

/** The official AWS SDK clients as an A2I user configures them against the standalone mode: endpoint and demo keys. */
public final class DemoClients {

    private static final StaticCredentialsProvider CREDENTIALS = StaticCredentialsProvider.create(
            AwsBasicCredentials.create(Demo.ACCESS_KEY_ID, Demo.SECRET_ACCESS_KEY));

    private DemoClients() {
    }

    public static SageMakerClient sageMaker(Standalone standalone) {
        return sageMaker(URI.create(standalone.url("flow-service")));
    }

    /** Against a flow-service that runs as a process of its own. */
    public static SageMakerClient sageMaker(URI flowService) {
        return SageMakerClient.builder().endpointOverride(flowService)
                .region(Region.US_EAST_1).credentialsProvider(CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    public static SageMakerA2IRuntimeClient a2i(Standalone standalone) {
        return SageMakerA2IRuntimeClient.builder().endpointOverride(URI.create(standalone.url("flow-service")))
                .region(Region.US_EAST_1).credentialsProvider(CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create()).build();
    }
}
