package dev.tandem.it;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.net.URI;

/** One browser page on a Tandem document, driven as a person would: keys and clicks. */
final class EditorPage {
    final Page page;

    private EditorPage(Page page) {
        this.page = page;
    }

    /** Opens a document in a new page and waits until its text has arrived. */
    static EditorPage open(BrowserContext context, URI base, String docId) {
        Page page = context.newPage();
        // the page's own complaints end up in the test's output, where a failure is read
        page.onConsoleMessage(message -> System.out.println("[page " + docId + "] " + message.type() + ": " + message.text()));
        page.onPageError(error -> System.out.println("[page " + docId + "] error: " + error));
        page.navigate(base.resolve("d/" + docId).toString());
        EditorPage editor = new EditorPage(page);
        editor.waitSettled();
        editor.surface().click();
        return editor;
    }

    com.microsoft.playwright.Locator surface() {
        return page.locator("#editor .cm-content");
    }

    /** Connected, and every local edit acknowledged. */
    void waitSettled() {
        page.waitForFunction("() => window.tandem && window.tandem.settled()");
    }

    String text() {
        return (String) page.evaluate("() => window.tandem.text()");
    }

    long revision() {
        return ((Number) page.evaluate("() => window.tandem.revision()")).longValue();
    }

    void type(String text) {
        page.keyboard().type(text);
    }

    void press(String key) {
        page.keyboard().press(key);
    }

    String status() {
        return page.locator("#connection-status").getAttribute("data-state");
    }

    String statusText() {
        return page.locator("#connection-status").textContent();
    }

    void setName(String name) {
        page.locator("#your-name").fill(name);
        page.locator("#your-name").press("Enter");
        page.locator("#your-name").blur();
        waitSettled();
    }
}
