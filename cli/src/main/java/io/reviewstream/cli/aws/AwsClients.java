package io.reviewstream.cli.aws;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemakera2iruntime.SageMakerA2IRuntimeClient;

import java.net.URI;

/** The official SDK clients as an A2I user configures them: flow-service's endpoint, a region and a static key pair. */
public final class AwsClients {

    private final URI endpoint;
    private final Region region;
    private final StaticCredentialsProvider credentials;
    private SageMakerClient sageMaker;
    private SageMakerA2IRuntimeClient a2i;

    public AwsClients(URI endpoint, String region, String accessKeyId, String secretAccessKey) {
        this.endpoint = endpoint;
        this.region = Region.of(region);
        this.credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey));
    }

    public SageMakerClient sageMaker() {
        if (sageMaker == null) {
            sageMaker = SageMakerClient.builder().endpointOverride(endpoint).region(region)
                    .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
        }
        return sageMaker;
    }

    public SageMakerA2IRuntimeClient a2i() {
        if (a2i == null) {
            a2i = SageMakerA2IRuntimeClient.builder().endpointOverride(endpoint).region(region)
                    .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
        }
        return a2i;
    }

    /** A flow definition's ARN, from its name or (unchanged) its ARN. */
    public String flowArn(String nameOrArn) {
        if (nameOrArn.startsWith("arn:")) {
            return nameOrArn;
        }
        return sageMaker().describeFlowDefinition(r -> r.flowDefinitionName(nameOrArn)).flowDefinitionArn();
    }
}
