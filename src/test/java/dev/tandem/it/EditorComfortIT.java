package dev.tandem.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import dev.tandem.support.browser.Browsers;
import dev.tandem.support.browser.EditorPage;
import dev.tandem.support.server.PayaraMicroProcess;
import dev.tandem.support.server.RunningTandem;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The editor page's comforts in a real Chromium, used as a person would: line numbers, wrapping,
 * counts, search and replace, a language's colours, right-to-left lines, dark mode, a phone.
 */
@ExtendWith(RunningTandem.class)
class EditorComfortIT {
    private static Browsers browsers;
    private final URI address;

    EditorComfortIT(PayaraMicroProcess server, TestInfo test) {
        String name = test.getTestMethod().orElseThrow().getName();
        this.address = server.base().resolve("d/" + name.substring(0, Math.min(40, name.length())) + "-" + System.nanoTime());
    }

    @BeforeAll
    static void launch() {
        browsers = new Browsers();
    }

    @AfterAll
    static void quit() {
        if (browsers != null) {
            browsers.close();
        }
    }

    @AfterEach
    void closePages() {
        browsers.closeProfiles();
    }

    @Test
    void lineNumbersWrappingCountsAndSearchAndReplace() {
        EditorPage ada = browsers.person("Ada", address);
        ada.type("one two three\nfour five\ntwo again: two\n");
        ada.waitSettled();
        Page page = ada.page;
        page.waitForFunction("() => document.getElementById('counts').textContent === '8 words, 39 characters'");
        assertEquals(List.of("1", "2", "3", "4"), page.locator(".cm-lineNumbers .cm-gutterElement:visible").allTextContents()
                .stream().filter(number -> !number.isEmpty()).toList());
        page.locator("#opt-line-numbers").uncheck();
        assertEquals(0, page.locator(".cm-lineNumbers").count());
        assertTrue(page.locator(".cm-content").getAttribute("class").contains("cm-lineWrapping"));
        page.locator("#opt-wrap").uncheck();
        assertFalse(page.locator(".cm-content").getAttribute("class").contains("cm-lineWrapping"));

        // Ctrl-F opens CodeMirror's own panel; "replace all" is one edit that reaches the server
        ada.surface().click();
        ada.press("Control+f");
        page.locator(".cm-search input[name=search]").fill("two");
        page.locator(".cm-search input[name=replace]").fill("2");
        page.locator(".cm-search button[name=replaceAll]").click();
        ada.waitSettled();
        assertEquals("one 2 three\nfour five\n2 again: 2\n", ada.text());
        page.waitForFunction("() => document.getElementById('counts').textContent === '8 words, 33 characters'");

        // the choices are this browser's: a new page of the same profile keeps them
        page.reload();
        EditorPage again = EditorPage.attach(page);
        assertEquals(0, again.page.locator(".cm-lineNumbers").count());
        assertFalse(again.page.isChecked("#opt-wrap"));
    }

    @Test
    void aLanguageColoursTheTextAndRightToLeftLinesAlignRight() {
        EditorPage ada = browsers.person("Ada", address);
        ada.type("def greet():\n");
        ada.press("Home");
        ada.type("return 'hi'\nשלום עולם, שורה מימין לשמאל\n");
        ada.waitSettled();
        Page page = ada.page;
        assertEquals(0, page.locator(".cm-line span[class]").count(), "plain text has no colours");
        page.locator("#language").selectOption("python");
        page.waitForSelector(".cm-line span[class]");
        String keyword = page.locator(".cm-line span[class]").first().textContent();
        assertEquals("def", keyword);

        // the line's text sits at its right edge, the left-to-right lines' at their left
        Map<?, ?> rtl = gaps(page, 2);
        Map<?, ?> ltr = gaps(page, 0);
        assertTrue(((Number) rtl.get("right")).doubleValue() < ((Number) rtl.get("left")).doubleValue(), rtl.toString());
        assertTrue(((Number) ltr.get("left")).doubleValue() < ((Number) ltr.get("right")).doubleValue(), ltr.toString());
    }

    @Test
    void markdownIsColouredAndItsListsContinueOnEnter() {
        EditorPage ada = browsers.person("Ada", address);
        Page page = ada.page;
        page.locator("#language").selectOption("markdown");
        ada.surface().click();
        ada.type("# Plan\n\n");
        page.waitForSelector(".cm-line span[class]"); // the heading, once Markdown's package is loaded
        ada.type("- ship 2.0\nannounce it");
        ada.waitSettled();
        assertEquals("# Plan\n\n- ship 2.0\n- announce it", ada.text(), "Enter in a list starts the next item");
    }

    /**
     * A page on a document nobody has written in yet (where nobody signs in, it exists once edited)
     * does not keep asking for it: failed look-ups are bounded per address, and history needs them.
     */
    @Test
    void aPageDoesNotSpendFailedLookUpsOnADocumentNotThereYet() {
        EditorPage ada = browsers.person("Ada", address);
        Page page = ada.page;
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        page.onRequest(request -> {
            if (request.url().endsWith("/api/docs/" + address.getPath().substring(address.getPath().lastIndexOf('/') + 1))) {
                asked.incrementAndGet();
            }
        });
        for (int i = 0; i < 5; i++) {
            page.evaluate("() => document.dispatchEvent(new Event('visibilitychange'))");
        }
        page.waitForTimeout(300);
        assertEquals(0, asked.get(), "not asked again while unknown and unedited");
        ada.type("now it exists");
        ada.waitSettled();
        page.evaluate("() => document.dispatchEvent(new Event('visibilitychange'))");
        page.waitForCondition(() -> asked.get() == 1);
    }

    /** How far line {@code index}'s text lies from its box's left and right edges. */
    private static Map<?, ?> gaps(Page page, int index) {
        return (Map<?, ?>) page.evaluate("index => { const line = document.querySelectorAll('.cm-line')[index];"
                + " const range = document.createRange(); range.selectNodeContents(line);"
                + " const text = range.getBoundingClientRect(), box = line.getBoundingClientRect();"
                + " return { left: text.left - box.left, right: box.right - text.right }; }", index);
    }

    @Test
    void darkModeFollowsTheSystemAndTheToggle() {
        EditorPage ada = browsers.person("Ada", address);
        Page page = ada.page;
        String light = background(page);
        page.emulateMedia(new Page.EmulateMediaOptions().setColorScheme(com.microsoft.playwright.options.ColorScheme.DARK));
        page.waitForFunction("() => document.documentElement.dataset.theme === 'dark'");
        String dark = background(page);
        assertNotEquals(light, dark);
        assertEquals("Light mode", page.locator("#theme-toggle").textContent());
        page.locator("#theme-toggle").click(); // the person's choice wins over the system's
        page.waitForFunction("() => document.documentElement.dataset.theme === 'light'");
        assertEquals(light, background(page));
        page.reload();
        EditorPage.attach(page);
        assertEquals("light", page.evaluate("() => document.documentElement.dataset.theme"));
    }

    private static String background(Page page) {
        return (String) page.evaluate("() => getComputedStyle(document.querySelector('.cm-editor')).backgroundColor"
                + " + ' ' + getComputedStyle(document.body).backgroundColor");
    }

    @Test
    void onAPhoneThePeopleAreAboveTheTextAndTheHeaderStaysShort() {
        EditorPage ada = browsers.person("Ada", address);
        EditorPage bob = browsers.person("Bob", address);
        Page phone = bob.page;
        phone.setViewportSize(390, 700);
        ada.type("hello from a laptop");
        EditorPage.converged(List.of(ada, bob));
        phone.waitForFunction("() => document.querySelectorAll('#peers li').length === 2");
        double header = box(phone, ".bar").get("height");
        double people = box(phone, ".people").get("bottom");
        double editor = box(phone, "#editor").get("top");
        assertTrue(header <= 90, "header height " + header);
        assertTrue(people <= editor + 1, "people end at " + people + ", the text starts at " + editor);
        assertTrue(box(phone, ".editor-footer").get("bottom") <= 701, "the footer is on the screen");

        // the chat is a panel opened from the footer, and a message sent there reaches the laptop
        assertFalse(phone.locator("#chat").isVisible());
        phone.locator("#chat-toggle").click();
        phone.locator("#chat-input").fill("sent from a phone");
        phone.locator("#chat-input").press("Enter");
        ada.page.locator("#chat-lines li p:has-text('sent from a phone')").waitFor();
        assertTrue(box(phone, "#chat").get("bottom") <= 701, "the chat is on the screen");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Double> box(Page page, String selector) {
        Map<String, Number> box = (Map<String, Number>) page.evaluate("selector => { const r ="
                + " document.querySelector(selector).getBoundingClientRect();"
                + " return { top: r.top, bottom: r.bottom, height: r.height }; }", selector);
        return Map.of("top", box.get("top").doubleValue(), "bottom", box.get("bottom").doubleValue(),
                "height", box.get("height").doubleValue());
    }
}
