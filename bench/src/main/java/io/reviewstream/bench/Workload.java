package io.reviewstream.bench;

/** The conditions and inputs the benchmarks share: a realistic mix of nested And/Or, JSONPath and sampling. */
final class Workload {

    /**
     * Review a classifier's prediction when a risky label is not confident, when any detection is weak, when the
     * model version is missing, or in a 2 % audit sample of confident predictions.
     */
    static final String CLASSIFIER_CONDITIONS = """
            {"Conditions":[
              {"Or":[
                {"And":[
                  {"ConditionType":"LabelCheck","ConditionParameters":{"Path":"$.label","Labels":["fraud","weapon","nsfw"]}},
                  {"ConditionType":"ConfidenceCheck","ConditionParameters":{"Path":"$.confidence","ConfidenceLessThan":0.9}}]},
                {"ConditionType":"ConfidenceCheck","ConditionParameters":{"Path":"$.detections[*].score","Aggregate":"min","ConfidenceLessThan":0.3}}]},
              {"ConditionType":"MissingField","ConditionParameters":{"Path":"$.model.version"}},
              {"And":[
                {"ConditionType":"ConfidenceCheck","ConditionParameters":{"Path":"$.confidence","ConfidenceGreaterThanEquals":0.9}},
                {"ConditionType":"Sampling","ConditionParameters":{"RandomSamplingPercentage":2}}]}]}""";

    private static final String[] LABELS = {"cat", "dog", "car", "tree", "bird", "boat", "cup"};
    private static final String[] RISKY = {"fraud", "weapon", "nsfw"};

    private Workload() {
    }

    /**
     * A classifier output with a few detections; {@code seed} varies label, confidence and scores so that about
     * one prediction in ten needs review: 1 in 20 has a risky label, 1 in 25 a weak detection, and 2 % of the
     * confident ones are sampled.
     */
    static String classifierInput(double confidence, int seed) {
        StringBuilder detections = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            double score = seed % 25 == 3 && i == 1 ? 0.21 : 0.4 + ((seed * 31 + i * 17) % 60) / 100.0;
            detections.append(i == 0 ? "" : ",").append("{\"label\":\"").append(LABELS[(seed + i) % LABELS.length])
                    .append("\",\"score\":").append(score).append(",\"box\":[10,20,110,220]}");
        }
        String label = seed % 20 == 0 ? RISKY[seed / 20 % RISKY.length] : LABELS[seed % LABELS.length];
        return "{\"label\":\"" + label + "\",\"confidence\":" + confidence
                + ",\"detections\":[" + detections + "],\"model\":{\"name\":\"resnet\",\"version\":\"2.1\"}}";
    }

    /** An AnalyzeDocument FORMS response with {@code pairs} key-value pairs. */
    static String textractInput(int pairs) {
        StringBuilder blocks = new StringBuilder("{\"blockType\":\"PAGE\",\"id\":\"page\"}");
        for (int i = 0; i < pairs; i++) {
            String key = i == 0 ? "Invoice No.:" : "Field " + i;
            blocks.append(",{\"blockType\":\"KEY_VALUE_SET\",\"id\":\"k").append(i)
                    .append("\",\"entityTypes\":[\"KEY\"],\"confidence\":").append(60 + i)
                    .append(",\"relationships\":[{\"type\":\"VALUE\",\"ids\":[\"v").append(i)
                    .append("\"]},{\"type\":\"CHILD\",\"ids\":[\"kw").append(i).append("\"]}]}")
                    .append(",{\"blockType\":\"KEY_VALUE_SET\",\"id\":\"v").append(i)
                    .append("\",\"entityTypes\":[\"VALUE\"],\"confidence\":90,\"relationships\":[{\"type\":\"CHILD\",\"ids\":[\"vw")
                    .append(i).append("\"]}]}")
                    .append(",{\"blockType\":\"WORD\",\"id\":\"kw").append(i).append("\",\"text\":\"").append(key)
                    .append("\",\"confidence\":88}")
                    .append(",{\"blockType\":\"WORD\",\"id\":\"vw").append(i).append("\",\"text\":\"value ")
                    .append(i).append("\",\"confidence\":97}");
        }
        return "{\"aiServiceRequest\":{\"document\":{\"s3Object\":{\"bucket\":\"b\",\"name\":\"d\"}},\"featureTypes\":[\"FORMS\"]},"
                + "\"aiServiceResponse\":{\"blocks\":[" + blocks + "],\"documentMetadata\":{\"pages\":1}}}";
    }
}
