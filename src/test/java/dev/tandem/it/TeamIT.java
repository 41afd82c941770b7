package dev.tandem.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.ColorScheme;
import com.microsoft.playwright.options.FilePayload;
import dev.tandem.protocol.JsonProviderHolder;
import dev.tandem.support.browser.Browsers;
import dev.tandem.support.browser.EditorPage;
import dev.tandem.support.client.WebSession;
import dev.tandem.support.server.PayaraMicroProcess;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tandem as a team uses it, on Payara Micro with accounts, in Chromium as people would: the
 * documents page, titles, opening by name, deleting and restoring, downloading and importing.
 */
class TeamIT {
    private static final String SETUP_TOKEN = "setup-token-for-team-tests-012345";
    private static final String ADA_PASSWORD = "correct horse battery";
    private static PayaraMicroProcess server;
    private static Browsers browsers;
    private static WebSession ada;
    private static WebSession bob;

    @BeforeAll
    static void start() throws Exception {
        server = new PayaraMicroProcess(Path.of("target", "payara-it", "team-" + System.currentTimeMillis())
                .toAbsolutePath(), List.of("tandem.setup-token=" + SETUP_TOKEN));
        server.start();
        ada = new WebSession(server.base());
        assertTrue(ada.postForm("setup", Map.of("token", SETUP_TOKEN, "username", "ada", "name", "Ada Lovelace",
                "password", ADA_PASSWORD)).endsWith("/signin?made"));
        assertTrue(ada.signIn("ada", ADA_PASSWORD).endsWith("/"), "signed in");
        HttpResponse<String> made = ada.call("POST", "api/accounts",
                "{\"username\":\"bob\",\"name\":\"Bob Builder\",\"password\":\"bob-password-1\"}");
        assertEquals(201, made.statusCode(), made.body());
        bob = new WebSession(server.base());
        bob.signIn("bob", "bob-password-1");
        browsers = new Browsers();
    }

    @AfterAll
    static void stop() throws Exception {
        if (browsers != null) {
            browsers.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @AfterEach
    void closePages() {
        browsers.closeProfiles();
    }

    /** A page of {@code username}'s, signed in through the form, on the documents page. */
    private Page signedIn(String username, String password) {
        Page page = browsers.signedIn(server.base(), username, password);
        page.setViewportSize(1000, 640);
        return page;
    }

    private static JsonObject json(String text) {
        assertNotNull(text);
        return JsonProviderHolder.PROVIDER.createReader(new StringReader(text)).readObject();
    }

    private static String newDocument(WebSession owner, String body) throws Exception {
        HttpResponse<String> made = owner.call("POST", "api/docs", body);
        assertEquals(201, made.statusCode(), made.body());
        return json(made.body()).getString("id");
    }

    @Test
    void theDocumentsPageListsSearchesRenamesDeletesAndRestores() throws Exception {
        Page adaPage = signedIn("ada", ADA_PASSWORD);
        adaPage.locator("#new-document").click();
        adaPage.waitForURL("**/d/*");
        EditorPage adaEditor = EditorPage.attach(adaPage);
        adaEditor.surface().click();
        adaEditor.type("Ship on Monday.");
        adaEditor.waitSettled();
        String docId = adaPage.url().substring(adaPage.url().lastIndexOf('/') + 1);

        // any characters in a title, given in place; the tab says it too
        String title = "Plan für Q3 — «launch» 🚀";
        adaPage.locator("#document-name").click();
        adaPage.locator("#title-input").fill(title);
        adaPage.locator("#title-input").press("Enter");
        adaPage.waitForFunction("t => document.title === t + ' · Tandem'", title);
        assertEquals(title, adaPage.locator("#document-name").textContent());

        // a title longer than the limit is refused with a reason, not cut
        adaPage.locator("#document-name").click();
        adaPage.locator("#title-input").fill("x".repeat(201));
        adaPage.locator("#title-input").press("Enter");
        adaPage.locator("#title-error").waitFor();
        assertTrue(adaPage.locator("#title-error").textContent().contains("at most 200"));
        adaPage.locator("#title-input").press("Escape");
        assertEquals(title, json(ada.get("api/docs/" + docId).body()).getString("title"), "unchanged");

        assertEquals(204, ada.call("PUT", "api/docs/" + docId + "/sharing/grants/bob", "{\"role\":\"editor\"}").statusCode());
        newDocument(ada, "{\"title\":\"Budget 2027\"}");

        // Bob's list: shared with him, by whom, when, and who changed it last
        Page bobPage = signedIn("bob", "bob-password-1");
        Locator shared = bobPage.locator("#documents tr[data-doc-id='" + docId + "']");
        shared.waitFor();
        assertEquals(0, bobPage.locator("#documents tr:has-text('Budget 2027')").count(), "not shared with Bob");
        String row = shared.textContent();
        assertTrue(row.contains(title) && row.contains("shared by ada") && row.contains("Ada Lovelace"), row);
        assertEquals(0, bobPage.locator("#documents button.delete").count(), "only owners delete");
        assertEquals(403, bob.call("DELETE", "api/docs/" + docId, null).statusCode(), "an editor does not delete");

        // Ada's: both, the latest changed first; search by title
        adaPage.navigate(server.base().toString());
        adaPage.locator("#documents tr:has-text('Budget 2027')").waitFor();
        adaPage.locator("#search").fill("budget");
        adaPage.waitForFunction("() => document.querySelectorAll('#documents tbody tr').length === 1");
        assertEquals("Budget 2027", adaPage.locator("#documents .title").textContent());
        adaPage.locator("#search").fill("");
        adaPage.locator("#documents tr[data-doc-id='" + docId + "']").waitFor();

        // Bob has the document open when Ada deletes it: he is let go, and it leaves his list
        shared.locator(".title").click();
        EditorPage.attach(bobPage);
        assertEquals(title + " · Tandem", bobPage.title());
        adaPage.onceDialog(dialog -> dialog.accept());
        adaPage.locator("#documents tr[data-doc-id='" + docId + "'] button.delete").click();
        adaPage.locator("#deleted tr[data-doc-id='" + docId + "']").waitFor();
        screenshot(adaPage, "documents.png");
        bobPage.waitForFunction("() => !document.getElementById('notice').hidden"
                + " && document.getElementById('notice').textContent.includes('no such document')");
        assertEquals(404, bob.get("api/docs/" + docId).statusCode());
        assertEquals(404, bob.get("api/docs/" + docId + "/revisions/1").statusCode(), "its history too");

        // restored: open again, to those it was open to, text and title as they were
        adaPage.locator("#deleted tr[data-doc-id='" + docId + "'] button.restore").click();
        adaPage.locator("#documents tr[data-doc-id='" + docId + "']").waitFor();
        JsonObject back = json(bob.get("api/docs/" + docId).body());
        assertEquals(title, back.getString("title"));
        assertEquals("editor", back.getString("role"));
        assertEquals("Ship on Monday.", json(bob.get("api/docs/" + docId + "/revisions/" + back.getJsonNumber("revision")
                .longValue()).body()).getString("text"));
        bobPage.reload();
        assertEquals("Ship on Monday.", EditorPage.attach(bobPage).text());
    }

    @Test
    void openingByNameOffersToCreateAndExplainsWhatANameIs() throws Exception {
        Page page = signedIn("ada", ADA_PASSWORD);
        page.locator("#open-name").fill("Plan für Q3");
        page.locator("#open-form button").click();
        assertTrue(page.locator("#start-error").textContent().contains("letters (A-Z, a-z), digits, - and _"));
        page.locator("#open-name").fill("n".repeat(70));
        page.locator("#open-form button").click();
        assertTrue(page.locator("#start-error").textContent().contains("at most 64 characters; this one has 70"));

        String name = "minutes-" + System.nanoTime();
        page.locator("#open-name").fill(name);
        page.locator("#open-form button").click();
        page.locator("#create-offer").waitFor();
        assertTrue(page.locator("#create-offer").textContent().contains("no document named “" + name + "”"));
        assertEquals(404, ada.get("api/docs/" + name).statusCode(), "nothing made before the answer");
        page.locator("#create-offer-yes").click();
        page.waitForURL("**/d/" + name);
        EditorPage.attach(page);
        assertEquals("owner", json(ada.get("api/docs/" + name).body()).getString("role"));

        // someone else's document by that name: no access, said so, nothing made
        String bobs = "bobs-" + System.nanoTime();
        assertEquals(201, bob.call("POST", "api/docs", "{\"id\":\"" + bobs + "\"}").statusCode());
        page.navigate(server.base().toString());
        page.locator("#open-name").fill(bobs);
        page.locator("#open-form button").click();
        page.locator("#create-offer-yes").click();
        page.locator("#start-error:has-text('you have no access to it')").waitFor();

        // an address that cannot be a document's: a page that says what an address is
        Page wrong = page.context().newPage();
        com.microsoft.playwright.Response answer = wrong.navigate(server.base().resolve("d/Plan%20f%C3%BCr%20Q3").toString());
        assertEquals(404, answer.status());
        assertEquals("No such document", wrong.locator("h1").textContent());
        assertTrue(answer.headerValue("content-type").startsWith("text/html"));
    }

    @Test
    void aTextFileImportsAsANewDocumentAndDownloadsAsItWas() throws Exception {
        Page page = signedIn("ada", ADA_PASSWORD);
        String text = "# Notes\n\nZoë wrote this 🚀\n";
        page.locator("#import-file").setInputFiles(new FilePayload("notes.md", "text/markdown",
                text.getBytes(StandardCharsets.UTF_8)));
        page.waitForURL("**/d/*");
        EditorPage editor = EditorPage.attach(page);
        assertEquals(text, editor.text());
        assertEquals(1, editor.revision(), "one edit: the whole text");
        page.waitForFunction("() => document.title === 'notes.md · Tandem'");

        Download download = page.waitForDownload(() -> page.locator("#download").click());
        assertEquals("notes.md", download.suggestedFilename());
        assertEquals(text, Files.readString(download.path(), StandardCharsets.UTF_8));
        String docId = page.url().substring(page.url().lastIndexOf('/') + 1);
        HttpResponse<String> file = ada.get("api/docs/" + docId + "/text");
        assertTrue(file.headers().firstValue("Content-Type").orElse("").startsWith("text/markdown"), file.headers().toString());
        assertEquals("Ada Lovelace", json(ada.get("api/docs/" + docId).body()).getString("changedBy"));

        // a file that is not UTF-8 text is refused, with a reason, and nothing is made
        int before = json(ada.get("api/docs").body()).getJsonArray("documents").size();
        page.navigate(server.base().toString());
        page.locator("#import-file").setInputFiles(new FilePayload("latin1.txt", "text/plain",
                new byte[] {'c', 'a', 'f', (byte) 0xE9}));
        page.locator("#start-error:has-text('is not text in UTF-8')").waitFor();
        assertEquals(before, json(ada.get("api/docs").body()).getJsonArray("documents").size());

        // the API refuses a text with U+0000, and a title past the limit, and makes nothing
        assertEquals(400, ada.call("POST", "api/docs", "{\"title\":\"a\",\"text\":\"a\\u0000b\"}").statusCode());
        assertEquals(400, ada.call("POST", "api/docs", "{\"title\":\"" + "t".repeat(201) + "\",\"text\":\"ok\"}").statusCode());
        assertEquals(before, json(ada.get("api/docs").body()).getJsonArray("documents").size());
    }

    /** Ada's and Bob's pages on a new document of Ada's that Bob may edit. */
    private List<EditorPage> adaAndBobIn(String docId) throws Exception {
        assertEquals(204, ada.call("PUT", "api/docs/" + docId + "/sharing/grants/bob", "{\"role\":\"editor\"}").statusCode());
        Page adaPage = signedIn("ada", ADA_PASSWORD);
        adaPage.navigate(server.base().resolve("d/" + docId).toString());
        Page bobPage = signedIn("bob", "bob-password-1");
        bobPage.navigate(server.base().resolve("d/" + docId).toString());
        return List.of(EditorPage.attach(adaPage), EditorPage.attach(bobPage));
    }

    private static void screenshot(Page page, String name) throws Exception {
        Path file = Path.of(System.getProperty("tandem.screenshots", "target/screenshots"), name);
        Files.createDirectories(file.getParent());
        page.screenshot(new Page.ScreenshotOptions().setPath(file));
        assertTrue(Files.size(file) > 10_000);
    }

    @Test
    void theHistoryMarksChangesWithAuthorsPlaysForwardAndRestoresAsANewEdit() throws Exception {
        String docId = newDocument(ada, "{\"title\":\"Release notes\"}");
        List<EditorPage> pages = adaAndBobIn(docId);
        EditorPage adaEditor = pages.get(0);
        EditorPage bobEditor = pages.get(1);
        adaEditor.surface().click();
        adaEditor.type("Release 2.0\nFaster sync.\nNew editor.\n");
        adaEditor.waitSettled();
        long before = adaEditor.revision();
        EditorPage.converged(pages);
        bobEditor.surface().click();
        bobEditor.press("Control+End");
        bobEditor.type("Dark mode.\n");
        bobEditor.press("ArrowUp");
        bobEditor.press("ArrowUp");
        bobEditor.press("End");
        for (int i = 0; i < "New editor.".length(); i++) {
            bobEditor.press("Backspace");
        }
        bobEditor.type("A new editor.");
        String latest = EditorPage.converged(pages);
        long after = adaEditor.revision();

        Page page = adaEditor.page;
        page.locator("#history").click();
        page.locator("#history-from").fill(Long.toString(before));
        page.locator("#history-from").press("Enter");
        page.waitForFunction("() => document.querySelector('#history-text ins') !== null"
                + " && document.getElementById('history-summary').textContent.startsWith('Changes from revision " + before + "')");
        assertEquals(latest, textShown(page), "the text at the revision, deletions aside");
        List<String> inserted = page.locator("#history-text ins").allTextContents();
        List<String> deleted = page.locator("#history-text del").allTextContents();
        assertTrue(inserted.contains("Dark mode.\n") && deleted.size() == 1, inserted + " " + deleted);
        assertTrue(page.locator("#history-text ins").first().getAttribute("title").startsWith("inserted by Bob Builder"));
        assertTrue(page.locator("#history-text del").first().getAttribute("title").startsWith("deleted by Bob Builder"));
        assertTrue(page.locator("#history-summary").textContent().contains((after - before) + " edits by Bob Builder"));
        assertEquals(0, page.locator("#history-text b, #history-text script").count(), "text, never markup");
        screenshot(page, "history-changes.png");

        // played forward from the start: every revision, one by one, to the latest
        page.locator("#history-slider").fill("0");
        page.locator("#history-play").click();
        page.waitForFunction("() => document.getElementById('history-revision').value === '" + after + "'"
                + " && document.getElementById('history-play').textContent === 'Play'", null,
                new Page.WaitForFunctionOptions().setTimeout(30_000));

        // restoring an earlier revision: a new edit on top that everyone gets, and undo takes it back
        page.locator("#history-revision").fill(Long.toString(before));
        page.locator("#history-revision").press("Enter");
        page.waitForFunction("() => document.getElementById('history-summary').textContent.startsWith('Changes from revision "
                + (before - 1) + " to " + before + "')");
        page.locator("#history-restore").click();
        String restored = "Release 2.0\nFaster sync.\nNew editor.\n";
        assertEquals(restored, EditorPage.converged(pages));
        assertTrue(adaEditor.revision() > after, "a new revision, not history rewritten");
        JsonObject last = json(ada.get("api/docs/" + docId + "/edits?from=" + after).body()).getJsonArray("edits").getJsonObject(0);
        assertEquals("Ada Lovelace", last.getString("authorName"));
        adaEditor.surface().click();
        adaEditor.press("Control+z");
        assertEquals(latest, EditorPage.converged(pages), "undone, for everyone");
    }

    /** The history's text without what it shows as deleted. */
    private static String textShown(Page page) {
        return (String) page.evaluate("() => { const copy = document.getElementById('history-text').cloneNode(true);"
                + " copy.querySelectorAll('del').forEach(d => d.remove()); return copy.textContent; }");
    }

    @Test
    void authorshipColoursShowWhoWroteWhatAndFollowTyping() throws Exception {
        String docId = newDocument(ada, "{\"title\":\"Team notes.md\"}");
        List<EditorPage> pages = adaAndBobIn(docId);
        EditorPage adaEditor = pages.get(0);
        EditorPage bobEditor = pages.get(1);
        adaEditor.page.locator("#opt-authors").check();
        adaEditor.surface().click();
        adaEditor.type("# Team notes\n\nAda: the release is on Monday.\n");
        EditorPage.converged(pages);
        bobEditor.surface().click();
        bobEditor.press("Control+End");
        bobEditor.type("Bob: the docs are ready.\n");
        EditorPage.converged(pages);
        // line by line: a line break is no text to colour
        Map<String, String> expected = Map.of("Ada Lovelace", "# Team notesAda: the release is on Monday.",
                "Bob Builder", "Bob: the docs are ready.");
        adaEditor.page.waitForFunction("() => document.querySelectorAll('.author-mark').length >= 2");
        assertEquals(expected, writtenBy(adaEditor.page));

        // the two are told apart: different colours, in the marks and the people list
        assertEquals(2, adaEditor.page.locator("#peers .swatch").count());
        // Bob's name shows on his caret's own line, over nothing of the line above
        adaEditor.page.locator("#editor .remote-caret-name").first().waitFor();
        Object overlap = adaEditor.page.evaluate("() => { const name = document.querySelector('#editor .remote-caret-name');"
                + " const line = name.closest('.cm-line'); return line.getBoundingClientRect().top"
                + " - name.getBoundingClientRect().top; }");
        assertTrue(((Number) overlap).doubleValue() <= 0.5, "the label reaches " + overlap + " px into the line above");
        Object distinct = adaEditor.page.evaluate("() => new Set([...document.querySelectorAll('#peers .swatch')]"
                + ".map(s => s.style.backgroundColor)).size");
        assertEquals(2, ((Number) distinct).intValue(), "Ada and Bob have colours of their own");
        screenshot(adaEditor.page, "authorship.png");

        // worked out again from the stored history after a reload (the choice is kept)
        adaEditor.page.reload();
        EditorPage again = EditorPage.attach(adaEditor.page);
        again.page.waitForFunction("() => document.querySelectorAll('.author-mark').length >= 2");
        assertEquals(expected, writtenBy(again.page));
        again.page.locator("#opt-authors").uncheck();
        again.page.waitForFunction("() => document.querySelectorAll('.author-mark').length === 0");
    }

    /** The text each author wrote, as the editor colours it (others' carets aside). */
    @SuppressWarnings("unchecked")
    private static Map<String, String> writtenBy(Page page) {
        return (Map<String, String>) page.evaluate("() => { const by = {};"
                + " document.querySelectorAll('.cm-line .author-mark').forEach(mark => {"
                + "   const copy = mark.cloneNode(true); copy.querySelectorAll('.remote-caret').forEach(c => c.remove());"
                + "   const name = mark.title.replace('written by ', '');"
                + "   by[name] = (by[name] ?? '') + copy.textContent; });"
                + " return by; }");
    }

    @Test
    void theChatBesideTheDocumentReachesEveryoneAndIsKeptWithIt() throws Exception {
        String docId = newDocument(ada, "{\"title\":\"Planning\"}");
        List<EditorPage> pages = adaAndBobIn(docId);
        Page adaPage = pages.get(0).page;
        Page bobPage = pages.get(1).page;
        adaPage.locator("#chat-input").fill("<b>Ship</b> on Monday? 🚀");
        adaPage.locator("#chat-input").press("Shift+Enter");
        adaPage.locator("#chat-input").pressSequentially("second line");
        adaPage.locator("#chat-input").press("Enter");
        bobPage.locator("#chat-lines li").first().waitFor();
        assertEquals("<b>Ship</b> on Monday? 🚀\nsecond line", bobPage.locator("#chat-lines li p").first().textContent());
        assertEquals("Ada Lovelace", bobPage.locator("#chat-lines li .who").first().textContent());
        assertEquals(0, bobPage.locator("#chat-lines b").count(), "text, never markup");
        assertEquals("", adaPage.locator("#chat-input").inputValue(), "sent, and shown once stored");
        adaPage.locator("#chat-lines li").first().waitFor();

        bobPage.locator("#chat-input").fill("Yes, docs are ready.");
        bobPage.locator("#chat-input").press("Enter");
        adaPage.waitForFunction("() => document.querySelectorAll('#chat-lines li').length === 2");
        adaPage.emulateMedia(new Page.EmulateMediaOptions().setColorScheme(ColorScheme.DARK));
        pages.get(0).surface().click();
        pages.get(0).type("## Monday\n- ship 2.0\n- announce it\n");
        EditorPage.converged(pages);
        screenshot(adaPage, "editor-dark.png");

        // a message past the limit is refused with a reason, and stays to be shortened
        String tooLong = "x".repeat(2001);
        adaPage.locator("#chat-input").fill(tooLong);
        adaPage.locator("#chat-input").press("Enter");
        assertTrue(adaPage.locator("#chat-error").textContent().contains("at most 2,000 characters"));
        assertEquals(tooLong, adaPage.locator("#chat-input").inputValue());

        // kept with the document: a page opened later shows what was said, in order
        bobPage.reload();
        EditorPage.attach(bobPage);
        bobPage.waitForFunction("() => document.querySelectorAll('#chat-lines li').length === 2");
        assertEquals(List.of("<b>Ship</b> on Monday? 🚀\nsecond line", "Yes, docs are ready."),
                bobPage.locator("#chat-lines li p").allTextContents());
        JsonObject stored = json(bob.get("api/docs/" + docId + "/chat").body()).getJsonArray("messages").getJsonObject(1);
        assertEquals("Bob Builder", stored.getString("name"));
    }
}
