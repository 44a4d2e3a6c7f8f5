package io.reviewstream.flowservice.console.web;

import io.reviewstream.flowservice.api.ApiError;
import io.reviewstream.flowservice.api.ApiException;
import io.reviewstream.flowservice.api.Protocol;
import io.reviewstream.flowservice.domain.RejectedException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;

/** Reading the console's request bodies, and naming refusals for the audit. */
final class ConsoleRequests {

    private ConsoleRequests() {
    }

    /** The body as a JSON object; otherwise refused as the AWS API refuses it. */
    static ObjectNode object(byte[] body) {
        try {
            JsonNode node = body == null || body.length == 0 ? ConsoleErrors.JSON.createObjectNode()
                    : ConsoleErrors.JSON.readTree(body);
            if (node instanceof ObjectNode object) {
                return object;
            }
        } catch (JacksonException e) {
            throw new ApiException(ApiError.SERIALIZATION, "The request body is not valid JSON: "
                    + e.getOriginalMessage());
        }
        throw new ApiException(ApiError.SERIALIZATION, "The request body must be a JSON object");
    }

    /** A top-level text member of a body, for naming what a change was about, or "" when it has none. */
    static String text(byte[] body, String member) {
        try {
            JsonNode value = object(body).get(member);
            return value != null && value.isString() ? value.stringValue() : "";
        } catch (ApiException unreadable) {
            return "";
        }
    }

    static ApiException invalid(String member, String message) {
        return new ApiException(ApiError.VALIDATION, message, List.of(new ApiException.Violation(member, message)));
    }

    /** The error code a refusal is answered with. */
    static String code(RuntimeException e) {
        if (e instanceof ApiException api) {
            return api.error().code(Protocol.RUNTIME);
        }
        if (e instanceof RejectedException rejected) {
            return ApiError.of(rejected.rejection()).code(Protocol.RUNTIME);
        }
        return e.getClass().getSimpleName();
    }
}
