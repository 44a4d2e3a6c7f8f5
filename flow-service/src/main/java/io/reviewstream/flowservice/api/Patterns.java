package io.reviewstream.flowservice.api;

import java.util.regex.Pattern;

/**
 * The service models' member patterns (a2i-compat.md §1.3, §2.4), matched against the whole value: older models
 * anchor them and newer ones do not (§2.3), and a full match is what both mean. Where the two model versions
 * differ, the more permissive one is used, so that either SDK generation is served.
 *
 * <p>A repeated group is written possessive ({@code (?:…)*+}): java.util.regex matches a greedy group by recursing
 * once per repetition, so the models' {@code [a-z0-9](-*[a-z0-9])*} overflowed the stack on a few thousand
 * characters, and would backtrack through every way of splitting the hyphens. Each group here ends with a character
 * the next repetition cannot start with in its place, so giving back a repetition never leads to a match, and the
 * possessive form accepts exactly what the model's does. Values are checked against their length before any of
 * these (see {@link Input}), which keeps the work per value small as well.
 */
final class Patterns {

    static final Pattern FLOW_DEFINITION_NAME = Pattern.compile("[a-z0-9](?:-*+[a-z0-9]){0,62}+");
    static final Pattern HUMAN_TASK_UI_NAME = Pattern.compile("[a-z0-9](?:-*+[a-z0-9])*+");
    static final Pattern HUMAN_LOOP_NAME = Pattern.compile("[a-z0-9](?:-*+[a-z0-9])*+");
    static final Pattern WORKTEAM_NAME = Pattern.compile("[a-zA-Z0-9](?:-*+[a-zA-Z0-9]){0,62}+");
    static final Pattern WORKFORCE_NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9\\-]{0,62}+");
    static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z\\-]*:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+");
    static final Pattern FLOW_DEFINITION_ARN =
            Pattern.compile("arn:aws[a-z\\-]*:sagemaker:[a-z0-9\\-]*:[0-9]{12}:flow-definition/.*");
    static final Pattern HUMAN_TASK_UI_ARN =
            Pattern.compile("arn:aws[a-z\\-]*:sagemaker:[a-z0-9\\-]*:[0-9]{12}:human-task-ui/.*");
    static final Pattern WORKTEAM_ARN = Pattern.compile("arn:aws[a-z\\-]*:sagemaker:[a-z0-9\\-]*:[0-9]{12}:workteam/.*");
    static final Pattern SNS_TOPIC_ARN =
            Pattern.compile("arn:aws[a-z\\-]*:sns:[a-z0-9\\-]*:[0-9]{12}:[a-zA-Z0-9_.-]*");
    static final Pattern TASK_TITLE = Pattern.compile("[\\t\\n\\r -\\uD7FF\\uE000-\\uFFFD]*");
    static final Pattern NON_EMPTY = Pattern.compile(".+", Pattern.DOTALL);
    static final Pattern TASK_KEYWORD = Pattern.compile("[A-Za-z0-9]++(?: [A-Za-z0-9]++)*+");
    static final Pattern S3_OUTPUT_PATH = Pattern.compile("(https|s3)://([^/]+)/?(.*)");
    static final Pattern TAG = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*+");
    static final Pattern USER_POOL = Pattern.compile("[\\w-]+_[0-9a-zA-Z]+");
    static final Pattern GROUP = Pattern.compile("[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+");
    static final Pattern CLIENT_ID = Pattern.compile("[ -~]+");
    static final Pattern ANY = Pattern.compile(".*", Pattern.DOTALL);
    /** Not in the models, which list an enum: the shape every value of it has, {@code AWS/<service>/…}. */
    static final Pattern REQUEST_SOURCE = Pattern.compile("AWS(?:/[A-Za-z0-9]++)++");

    private static final Pattern POSSESSIVE = Pattern.compile("(?<=[*+}])\\+");

    private Patterns() {
    }

    /** The pattern as the models write it, for messages: without the possessive and non-capturing syntax. */
    static String described(Pattern pattern) {
        return POSSESSIVE.matcher(pattern.pattern().replace("(?:", "(")).replaceAll("");
    }
}
