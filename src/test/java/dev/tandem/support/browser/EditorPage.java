package dev.tandem.support.browser;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.net.URI;
import java.util.List;

/** One browser page on a Tandem document, driven as a person would: keys and clicks. */
public final class EditorPage {
    public final Page page;

    private EditorPage(Page page) {
        this.page = page;
    }

    /** Opens an editor page in a new page of {@code context} and waits until its text has arrived. */
    public static EditorPage open(BrowserContext context, URI address) {
        Page page = context.newPage();
        // the page's own complaints end up in the test's output, where a failure is read
        page.onConsoleMessage(message -> System.out.println("[page " + address + "] " + message.type() + ": " + message.text()));
        page.onPageError(error -> System.out.println("[page " + address + "] error: " + error));
        page.navigate(address.toString());
        EditorPage editor = new EditorPage(page);
        editor.waitSettled();
        editor.surface().click();
        return editor;
    }

    /** An editor page already open in {@code page}, once its text has arrived. */
    public static EditorPage attach(Page page) {
        EditorPage editor = new EditorPage(page);
        editor.waitSettled();
        return editor;
    }

    /** Waits until every page is settled on the same revision; returns their common text. */
    public static String converged(List<EditorPage> pages) {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            pages.forEach(EditorPage::waitSettled);
            long revision = pages.get(0).revision();
            boolean same = pages.stream().allMatch(page -> page.revision() == revision);
            String text = pages.get(0).text();
            if (same && pages.stream().allMatch(page -> page.text().equals(text))) {
                return text;
            }
            if (System.nanoTime() > deadline) {
                pages.forEach(page -> System.out.println(page.revision() + ": " + page.text()));
                throw new AssertionError("pages did not converge");
            }
            pages.get(0).page.waitForTimeout(50);
        }
    }

    /** The transport the page says it is connected over. */
    public String transport() {
        return page.locator("#connection-status").getAttribute("data-transport");
    }

    public com.microsoft.playwright.Locator surface() {
        return page.locator("#editor .cm-content");
    }

    /** Connected, and every local edit acknowledged. */
    public void waitSettled() {
        // up to a minute: after a server restart, reconnecting waits out the backoff (at most 15 s)
        page.waitForFunction("() => window.tandem && window.tandem.settled()", null,
                new Page.WaitForFunctionOptions().setTimeout(60_000));
    }

    public String text() {
        return (String) page.evaluate("() => window.tandem.text()");
    }

    public long revision() {
        return ((Number) page.evaluate("() => window.tandem.revision()")).longValue();
    }

    public void type(String text) {
        page.keyboard().type(text);
    }

    /** Pastes {@code text} as the browser does from the clipboard (a paste event), at the caret. */
    public void paste(String text) {
        page.evaluate("text => {"
                + " const data = new DataTransfer(); data.setData('text/plain', text);"
                + " document.querySelector('#editor .cm-content').dispatchEvent("
                + "   new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true })); }", text);
    }

    /** What the page's notice says, or null when it shows none. */
    public String notice() {
        return page.locator("#notice").isVisible() ? page.locator("#notice").textContent() : null;
    }

    public void press(String key) {
        page.keyboard().press(key);
    }

    public String status() {
        return page.locator("#connection-status").getAttribute("data-state");
    }

    public String statusText() {
        return page.locator("#connection-status").textContent();
    }

    public void setName(String name) {
        page.locator("#your-name").fill(name);
        page.locator("#your-name").press("Enter");
        page.locator("#your-name").blur();
        waitSettled();
    }
}
