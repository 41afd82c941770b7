package dev.tandem.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.WebSocketRoute;
import dev.tandem.support.browser.Browsers;
import dev.tandem.support.browser.EditorPage;
import dev.tandem.support.server.PayaraMicroProcess;
import dev.tandem.support.server.RunningTandem;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The editor page in a real Chromium against Tandem on Payara Micro: people typing at once in
 * several pages, remote cursors, undo, hostile names, a cut connection, and the screenshot the
 * README shows.
 */
@ExtendWith(RunningTandem.class)
class BrowserIT {
    private static Browsers browsers;
    private final PayaraMicroProcess server;
    private final URI base;
    private final String docId;

    BrowserIT(PayaraMicroProcess server, TestInfo test) {
        this.server = server;
        this.base = server.base();
        String name = test.getTestMethod().orElseThrow().getName();
        this.docId = name.substring(0, Math.min(40, name.length())) + "-" + System.nanoTime();
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

    private EditorPage person(String name) {
        return person(name, docId);
    }

    private EditorPage person(String name, String document) {
        return browsers.person(name, base.resolve("d/" + document));
    }

    @Test
    void twoPagesTypingAtOnceConverge() {
        typeAtOnceAndConverge(List.of(person("Ada"), person("Bob")), 40);
    }

    @Test
    void fivePagesTypingAtOnceConverge() {
        List<EditorPage> pages = new ArrayList<>();
        for (String name : List.of("Ada", "Bob", "Cat", "Dan", "Eve")) {
            pages.add(person(name));
        }
        typeAtOnceAndConverge(pages, 20);
    }

    /**
     * Each page types its own letter (one an emoji) at places that often coincide (the start, the
     * end, near the start), keystroke by keystroke in turn without waiting for the server: edits
     * cross in flight. Every page ends with the same text, holding every character typed once.
     */
    private void typeAtOnceAndConverge(List<EditorPage> pages, int rounds) {
        Random random = new Random(7);
        String[] letters = {"a", "b", "😀", "d", "e"};
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < pages.size(); i++) {
                EditorPage page = pages.get(i);
                switch (random.nextInt(4)) {
                    case 0 -> page.press("Control+Home");
                    case 1 -> page.press("Control+End");
                    case 2 -> {
                        page.press("Control+Home");
                        page.press("ArrowRight");
                    }
                    default -> { } // where the caret already is
                }
                page.type(letters[i]);
            }
        }
        String text = EditorPage.converged(pages);
        for (int i = 0; i < pages.size(); i++) {
            assertEquals(rounds, count(text, letters[i]), "every " + letters[i] + " typed is there once: " + text);
        }
        assertEquals(rounds * pages.size(), text.codePointCount(0, text.length()));
    }

    private static int count(String text, String letter) {
        return text.split(Pattern.quote(letter), -1).length - 1;
    }

    /**
     * A paste of as much as a document may hold (1,000,000 code points, over a megabyte of UTF-8)
     * leaves as several edits under the message limit and reaches the other page whole; typing
     * past the limit is turned away in the page with a notice, and nothing else is lost.
     */
    @Test
    void aPasteOfAMillionCharactersReachesTheOtherPage() {
        EditorPage ada = person("Ada");
        EditorPage bob = person("Bob");
        StringBuilder lines = new StringBuilder();
        for (int line = 1; lines.length() < 1_100_000; line++) {
            lines.append("Line ").append(line).append(": déjà vu, \"quoted\", 😀 and a tab\t.\n");
        }
        String paste = lines.substring(0, lines.offsetByCodePoints(0, 1_000_000));
        ada.paste(paste);
        String text = EditorPage.converged(List.of(ada, bob));
        assertEquals(1_000_000, text.codePointCount(0, text.length()));
        assertEquals(paste, text);
        assertTrue(ada.revision() > 1, "several edits: " + ada.revision());

        ada.press("Control+End");
        ada.type("!");
        ada.page.waitForFunction("() => !document.getElementById('notice').hidden");
        assertTrue(ada.notice().contains("can hold 1,000,000 characters"), ada.notice());
        assertEquals(paste, EditorPage.converged(List.of(ada, bob)));
    }

    /** U+0000, which the server refuses, never leaves the page: a paste gets U+FFFD in its place. */
    @Test
    void aPastedNulBecomesAReplacementCharacter() {
        EditorPage ada = person("Ada");
        EditorPage bob = person("Bob");
        ada.paste("a\u0000b");
        assertEquals("a\uFFFDb", EditorPage.converged(List.of(ada, bob)));
        assertEquals(null, ada.notice(), "nothing was refused");
    }

    @Test
    void aRemoteCursorShowsAtItsPlaceWithItsName() {
        EditorPage ada = person("Ada");
        EditorPage bob = person("Bob");
        ada.type("hello world");
        EditorPage.converged(List.of(ada, bob));
        bob.press("Control+Home");
        for (int i = 0; i < 5; i++) {
            bob.press("ArrowRight");
        }
        // in Ada's page: Bob's caret right after "hello", labelled with his name
        ada.page.waitForFunction("() => { const caret = document.querySelector('#editor .remote-caret');"
                + " if (!caret) return false; const range = document.createRange();"
                + " range.setStart(caret.closest('.cm-line'), 0); range.setEndBefore(caret);"
                + " return range.toString() === 'hello'; }");
        assertEquals("Bob", ada.page.locator("#editor .remote-caret-name").textContent());
        // and it stays on its character while Ada types before it
        ada.press("Control+Home");
        ada.type(">> ");
        ada.page.waitForFunction("() => { const caret = document.querySelector('#editor .remote-caret');"
                + " const range = document.createRange(); range.setStart(caret.closest('.cm-line'), 0);"
                + " range.setEndBefore(caret); return range.toString() === '>> hello'; }");
        assertTrue(ada.page.locator("#peers").textContent().contains("Bob"));
    }

    @Test
    void undoTakesBackOnlyOwnEdits() {
        EditorPage ada = person("Ada");
        EditorPage bob = person("Bob");
        ada.type("mine");
        EditorPage.converged(List.of(ada, bob));
        bob.press("Control+Home");
        bob.type("theirs ");
        EditorPage.converged(List.of(ada, bob));
        ada.press("Control+z");
        assertEquals("theirs ", EditorPage.converged(List.of(ada, bob)));
        ada.press("Control+Shift+z");
        assertEquals("theirs mine", EditorPage.converged(List.of(ada, bob)));
    }

    @Test
    void namesAreShownAsTextNeverAsMarkup() {
        EditorPage ada = person("Ada");
        String hostile = "<img src=x onerror=\"window.pwned=1\">Mallory";
        EditorPage mallory = person(hostile);
        mallory.type("x");
        EditorPage.converged(List.of(ada, mallory));
        ada.page.waitForFunction("() => document.querySelector('#peers').textContent.includes('Mallory')");
        assertEquals(0, ada.page.locator("#peers img, #editor img[src='x']").count());
        assertTrue(ada.page.locator("#peers").textContent().contains(hostile));
        assertEquals(null, ada.page.evaluate("() => window.pwned ?? null"));
    }

    /** Bob's page, whose WebSocket reaches the server through a switch the test opens and closes. */
    private record Switched(Page page, AtomicBoolean open, List<WebSocketRoute> live) {
        /** Cuts the connections (both ends of each) and refuses new ones until {@link #reconnect}. */
        void cut() {
            open.set(false);
            live.forEach(WebSocketRoute::close);
            page.waitForFunction("() => document.querySelector('#connection-status').dataset.state === 'reconnecting'");
        }

        void reconnect() {
            open.set(true);
        }
    }

    /**
     * Bob's page of the document in {@code context}, on WebSocket only (cut twice, the page would
     * otherwise move to long polling, FallbackIT, and send its typing at once instead of holding
     * it), with "one " typed by Ada and seen there.
     */
    private Switched switchedPage(BrowserContext context, EditorPage ada) {
        AtomicBoolean open = new AtomicBoolean(true);
        List<WebSocketRoute> live = new CopyOnWriteArrayList<>();
        Page page = context.newPage();
        page.onPageError(error -> System.out.println("[bob] error: " + error));
        page.onConsoleMessage(message -> System.out.println("[bob] " + message.type() + ": " + message.text()));
        page.routeWebSocket(Pattern.compile(".*/ws/docs/.*"), route -> {
            if (!open.get()) {
                route.close();
                return;
            }
            live.add(route);
            live.add(route.connectToServer());
        });
        page.navigate(base.resolve("d/" + docId + "?transport=websocket").toString());
        page.waitForFunction("() => window.tandem && window.tandem.settled()");
        page.locator("#editor .cm-content").click();
        ada.type("one ");
        page.waitForFunction("() => window.tandem.text() === 'one '");
        return new Switched(page, open, live);
    }

    /**
     * Typing not yet acknowledged survives a reload: leaving asks first, the page keeps it in the
     * browser's storage, and the page that comes back shows it at once and sends it, applied once;
     * another tab opened meanwhile does not take it.
     */
    @Test
    void typingLeftUnsentSurvivesAReload() {
        EditorPage ada = person("Ada");
        BrowserContext context = browsers.profile("Bob");
        Switched bob = switchedPage(context, ada);
        Page bobPage = bob.page();
        bob.cut();
        bobPage.keyboard().press("Control+End");
        bobPage.keyboard().type("two ");
        bobPage.waitForFunction("() => Object.keys(localStorage).some(key => key.startsWith('tandem.unsent.'))");
        String clientId = (String) bobPage.evaluate("() => window.tandem.clientId");
        // another tab of the same browser, while this one lives, does not take its typing
        Page secondTab = context.newPage();
        secondTab.navigate(base.resolve("d/" + docId).toString());
        secondTab.waitForFunction("() => window.tandem && window.tandem.settled()");
        assertNotEquals(clientId, secondTab.evaluate("() => window.tandem.clientId"));
        assertEquals("one ", secondTab.evaluate("() => window.tandem.text()"));
        secondTab.close();

        bob.reconnect();
        List<String> asked = new CopyOnWriteArrayList<>();
        bobPage.onDialog(dialog -> {
            asked.add(dialog.type());
            dialog.accept(); // leave anyway
        });
        bobPage.reload();
        assertEquals(List.of("beforeunload"), asked, "leaving with typing unsent asks first");
        bobPage.waitForFunction("() => window.tandem && window.tandem.text() === 'one two '");
        assertEquals(clientId, bobPage.evaluate("() => window.tandem.clientId"), "the new page goes on as the old one");
        bobPage.waitForFunction("() => window.tandem.settled()");
        ada.waitSettled();
        assertEquals("one two ", ada.text(), "sent once, after the reload");
        assertEquals(false, bobPage.evaluate("() => Object.keys(localStorage).some(key => key.startsWith('tandem.unsent.'))"),
                "nothing kept once it is acknowledged");
    }

    @Test
    void aPageWhoseConnectionIsCutKeepsItsTypingAndCatchesUp() {
        EditorPage ada = person("Ada");
        Switched bob = switchedPage(browsers.profile("Bob"), ada);
        Page bobPage = bob.page();
        bob.cut();
        bobPage.keyboard().press("Control+End");
        bobPage.keyboard().type("two ");
        ada.press("Control+Home");
        ada.type("zero ");
        bobPage.waitForFunction("() => document.querySelector('#connection-status').textContent.includes('unsent')");
        assertEquals("4", bobPage.locator("#connection-status").getAttribute("data-unsent"));

        bob.reconnect();
        bobPage.waitForFunction("() => window.tandem.settled()", null,
                new Page.WaitForFunctionOptions().setTimeout(40_000));
        ada.waitSettled();
        bobPage.waitForFunction("() => window.tandem.text() === 'zero one two '");
        assertEquals("zero one two ", ada.text());
    }

    @Test
    void aPageThatGoesOfflineSaysSoKeepsTypingAndCatchesUp() {
        EditorPage ada = person("Ada");
        EditorPage bob = person("Bob");
        ada.type("shared ");
        EditorPage.converged(List.of(ada, bob));
        bob.page.context().setOffline(true);
        bob.press("Control+End");
        bob.type("offline");
        bob.page.waitForFunction("() => document.querySelector('#connection-status').dataset.state === 'offline'");
        assertTrue(bob.statusText().startsWith("Offline"), bob.statusText());
        assertTrue(bob.statusText().contains("unsent edit"), bob.statusText());
        ada.press("Control+Home");
        ada.type("> ");
        bob.page.context().setOffline(false);
        assertEquals("> shared offline", EditorPage.converged(List.of(ada, bob)));
    }

    @Test
    void theHistoryShowsTheTextAtAnEarlierRevision() {
        EditorPage ada = person("Ada");
        ada.type("one");
        ada.waitSettled();
        long afterOne = ada.revision();
        for (String word : List.of(" two", " <b>three</b>")) {
            ada.type(word);
            ada.waitSettled();
        }
        long revision = ada.revision();
        ada.page.locator("#history").click();
        ada.page.waitForFunction("() => document.querySelector('#history-text').textContent === 'one two <b>three</b>'");
        assertEquals("of " + revision, ada.page.locator("#history-latest").textContent());
        ada.page.locator("#history-revision").fill(Long.toString(afterOne));
        ada.page.locator("#history-revision").press("Tab");
        ada.page.waitForFunction("() => document.querySelector('#history-text').textContent === 'one'");
        assertEquals(0, ada.page.locator("#history-text b").count(), "text, never markup");
    }

    @Test
    void pagesKeepTheirTypingThroughAServerRestartAndConverge() throws Exception {
        EditorPage ada = person("Ada");
        EditorPage bob = person("Bob");
        ada.type("before the restart. ");
        EditorPage.converged(List.of(ada, bob));
        server.stop();
        ada.page.waitForFunction("() => document.querySelector('#connection-status').dataset.state === 'reconnecting'");
        ada.press("Control+End");
        ada.type("Ada while it was down. ");
        bob.press("Control+Home");
        bob.type("Bob too. ");
        ada.page.waitForFunction("() => document.querySelector('#connection-status').textContent.includes('unsent')");
        server.start();
        String text = EditorPage.converged(List.of(ada, bob));
        assertEquals("Bob too. before the restart. Ada while it was down. ", text);
        assertEquals("WebSocket", ada.transport(), "a server that is down is no reason to fall back to long polling");
    }

    @Test
    void theHomePageStartsADocumentThatOthersCanOpen() {
        Page home = browsers.profile("Ada").newPage();
        home.navigate(base.toString());
        home.locator("#new-document").click();
        home.waitForURL(Pattern.compile(".*/d/[A-Za-z0-9_-]{24}$")); // unguessable
        home.waitForFunction("() => window.tandem && window.tandem.settled()");
        assertEquals("connected", home.locator("#connection-status").getAttribute("data-state"));
        String address = home.url();
        home.navigate(base.toString()); // where nobody signs in, the list is of documents opened in this browser
        home.locator("#documents tr[data-doc-id='" + address.substring(address.lastIndexOf('/') + 1) + "']").waitFor();
    }

    @Test
    void screenshotOfTwoPagesEditingTogether() throws Exception {
        String notes = "team-notes-" + Long.toString(System.nanoTime() % 100_000);
        EditorPage ada = person("Ada", notes);
        EditorPage bob = person("Bob", notes);
        ada.type("Meeting notes\n\n- Ada: the release goes out on Monday.\n");
        EditorPage.converged(List.of(ada, bob));
        bob.press("Control+End");
        bob.type("- Bob: docs are ready; screenshots next.\n");
        EditorPage.converged(List.of(ada, bob));
        ada.press("Control+Home");
        ada.press("ArrowDown");
        ada.press("ArrowDown");
        ada.press("End");
        bob.press("Control+Home");
        bob.press("Shift+Control+ArrowRight");
        ada.page.waitForSelector("#editor .remote-selection");
        bob.page.waitForSelector("#editor .remote-caret");
        ada.page.waitForSelector("#editor .remote-caret.recent"); // Bob's name shows as his caret moves
        BufferedImage left = ImageIO.read(new ByteArrayInputStream(ada.page.screenshot()));
        BufferedImage right = ImageIO.read(new ByteArrayInputStream(bob.page.screenshot()));
        int gap = 12;
        BufferedImage both = new BufferedImage(left.getWidth() + gap + right.getWidth(),
                Math.max(left.getHeight(), right.getHeight()), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = both.createGraphics();
        g.setColor(new Color(0x8c959f));
        g.fillRect(0, 0, both.getWidth(), both.getHeight());
        g.drawImage(left, 0, 0, null);
        g.drawImage(right, left.getWidth() + gap, 0, null);
        g.dispose();
        Path file = Path.of(System.getProperty("tandem.screenshots", "target/screenshots"), "two-pages.png");
        Files.createDirectories(file.getParent());
        ImageIO.write(both, "png", file.toFile());
        assertTrue(Files.size(file) > 10_000);
    }
}
