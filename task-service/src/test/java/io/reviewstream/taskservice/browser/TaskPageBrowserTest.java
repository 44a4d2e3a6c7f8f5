package io.reviewstream.taskservice.browser;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * A browser against the task page server, one of each for all the tests of a class: starting Chromium is what
 * makes a browser test slow. Skipped where there is no Chromium.
 */
abstract class TaskPageBrowserTest {

    static TaskPageServer server;
    static Browser browser;

    @BeforeAll
    static void startServerAndBrowser() {
        Browser.assumeAvailable();
        server = new TaskPageServer();
        browser = Browser.start();
    }

    @AfterAll
    static void stopServerAndBrowser() {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
    }
}
