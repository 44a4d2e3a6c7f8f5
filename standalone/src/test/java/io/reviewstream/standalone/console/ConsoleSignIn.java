package io.reviewstream.standalone.console;

import io.reviewstream.taskservice.browser.Browser;
import org.openqa.selenium.By;

/** Signs a browser in to the console the way a person does, through its sign-in form. */
final class ConsoleSignIn {

    private ConsoleSignIn() {
    }

    /** A fresh session: the console's cookies are dropped, then the sign-in form is filled in. */
    static void signIn(Browser browser, String console, String user, String password) {
        browser.driver.get(console + "/login.html");
        browser.driver.manage().deleteAllCookies();
        browser.driver.get(console + "/loops.html");
        browser.waitUntil("the sign-in page", Browser.PAGE_READY, d -> d.getCurrentUrl().contains("/login.html"));
        browser.driver.findElement(By.id("username")).sendKeys(user);
        browser.driver.findElement(By.id("password")).sendKeys(password);
        browser.driver.findElement(By.cssSelector("#login-form button[type=submit]")).click();
        browser.waitUntil("the console after signing in", Browser.PAGE_READY,
                d -> !d.getCurrentUrl().contains("/login.html"));
    }
}
