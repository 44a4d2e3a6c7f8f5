package io.reviewstream.schemas.config;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The region and account id that appear in ARNs, output locations and status-change events.
 *
 * @param region    AWS-style region name clients sign with and see in ARNs
 * @param accountId 12-digit account id in ARNs
 */
@Validated
@ConfigurationProperties("reviewstream.aws")
public record AwsIdentityProperties(
        @NotBlank @Pattern(regexp = "[a-z0-9-]+") @DefaultValue("us-east-1") String region,
        @Pattern(regexp = "[0-9]{12}") @DefaultValue("111122223333") String accountId) {
}
