package io.reviewstream.taskservice.browser;

import org.junit.jupiter.api.Test;

/**
 * The two templates of A2I's built-in task types, exactly as AWS publishes them, with inputs of the shapes Textract
 * AnalyzeDocument and Rekognition DetectModerationLabels produce: the worker sees what the service found, and the
 * answer carries what the worker decided (see {@link A2iBuiltInReview}).
 */
class A2iBuiltInTemplatesBrowserTest extends TaskPageBrowserTest {

    @Test
    void textractAnalyzeDocumentReviewsTheDetectedKeyValuePairsAndTheMissingImportantKey() throws Exception {
        review("t-a2i-textract", A2iBuiltInReview.textract("claims-inbox", "forms/claim-0042.png"));
    }

    @Test
    void rekognitionDetectModerationLabelsReportsTheLabelsTheWorkerChose() throws Exception {
        review("t-a2i-moderation", A2iBuiltInReview.moderation("uploads", "user-42/beach.jpg"));
    }

    private static void review(String taskId, A2iBuiltInReview review) throws Exception {
        open(server.addTaskWithObjects(taskId, A2iSampleTemplates.read(review.sample()) + READY_HOOK,
                JSON.writeValueAsString(review.input())));
        review.review().accept(browser.driver);
        review.check().accept(submitted(taskId));
    }
}
