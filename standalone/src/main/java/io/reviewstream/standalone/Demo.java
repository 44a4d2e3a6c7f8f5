package io.reviewstream.standalone;

/** The demo the standalone mode seeds: names and credentials that the README and the banner print. */
public final class Demo {

    public static final String WORKTEAM = "demo-team";
    public static final String GROUP = "demo-reviewers";
    public static final String WORKER = "demo-worker";
    public static final String WORKER_PASSWORD = "demo-password";
    /** Signs in to the console and changes everything: a member of the console's default operator group. */
    public static final String OPERATOR = "demo-operator";
    public static final String OPERATOR_PASSWORD = "demo-password";
    public static final String OPERATOR_GROUP = "reviewstream-operators";
    /** Signs in to the console and only sees: a member of its default viewer group. */
    public static final String VIEWER = "demo-viewer";
    public static final String VIEWER_PASSWORD = "demo-password";
    public static final String VIEWER_GROUP = "reviewstream-viewers";
    /** The key pair flow-service accepts in standalone mode, for the AWS SDKs' static credentials. */
    public static final String ACCESS_KEY_ID = "AKIAREVIEWSTREAMDEMO";
    public static final String SECRET_ACCESS_KEY = "reviewstream-demo-secret-key";
    public static final String TASK_UI = "demo-classifier";
    public static final String FLOW = "demo-flow";
    public static final String OUTPUT_BUCKET = "reviewstream-output";
    public static final String OUTPUT_PATH = "s3://" + OUTPUT_BUCKET + "/demo";
    public static final String ROLE_ARN = "arn:aws:iam::111122223333:role/reviewstream-demo";

    /** Reviews a prediction whose confidence is below 0.8. */
    public static final String CONDITIONS = "{\"Conditions\":[{\"ConditionType\":\"ConfidenceCheck\","
            + "\"ConditionParameters\":{\"Path\":\"$.confidence\",\"ConfidenceLessThan\":0.8}}]}";

    public static final String TEMPLATE = """
            <script src="https://assets.crowd.aws/crowd-html-elements.js"></script>
            <crowd-form>
              <crowd-classifier name="category" categories="['cat', 'dog', 'other']" header="What is in the picture?">
                <classification-target>
                  <p>The model said <strong>{{ task.input.label }}</strong> with confidence {{ task.input.confidence }}.</p>
                  {% if task.input.taskObject %}<img src="{{ task.input.taskObject | grant_read_access }}" style="max-width:100%">{% endif %}
                </classification-target>
                <full-instructions header="Classification">Pick the category that fits the picture best.</full-instructions>
                <short-instructions>Pick the category that fits best.</short-instructions>
              </crowd-classifier>
            </crowd-form>
            """;

    private Demo() {
    }
}
