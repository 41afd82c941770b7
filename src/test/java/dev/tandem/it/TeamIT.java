package dev.tandem.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
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
        Page page = browsers.profile(username).newPage();
        page.setViewportSize(1000, 640);
        page.onPageError(error -> System.out.println("[" + username + "] error: " + error));
        page.navigate(server.base().toString());
        page.waitForURL("**/signin");
        page.locator("#signin-form [name=username]").fill(username);
        page.locator("#signin-form [name=password]").fill(password);
        page.locator("#signin-form button").click();
        page.waitForURL(server.base().toString());
        page.locator("#who").waitFor();
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
        bobPage.locator("#documents tbody tr").first().waitFor();
        assertEquals(1, bobPage.locator("#documents tbody tr").count(), "Budget 2027 is not shared with Bob");
        String row = bobPage.locator("#documents tbody tr").first().textContent();
        assertTrue(row.contains(title) && row.contains("shared by ada") && row.contains("Ada Lovelace"), row);
        assertEquals(0, bobPage.locator("#documents button.delete").count(), "only owners delete");
        assertEquals(403, bob.call("DELETE", "api/docs/" + docId, null).statusCode(), "an editor does not delete");

        // Ada's: both, the latest changed first; search by title
        adaPage.navigate(server.base().toString());
        adaPage.locator("#documents tbody tr >> nth=1").waitFor();
        adaPage.locator("#search").fill("budget");
        adaPage.waitForFunction("() => document.querySelectorAll('#documents tbody tr').length === 1");
        assertEquals("Budget 2027", adaPage.locator("#documents .title").textContent());
        adaPage.locator("#search").fill("");
        adaPage.waitForFunction("() => document.querySelectorAll('#documents tbody tr').length === 2");

        // Bob has the document open when Ada deletes it: he is let go, and it leaves his list
        bobPage.locator("#documents .title").first().click();
        EditorPage.attach(bobPage);
        assertEquals(title + " · Tandem", bobPage.title());
        adaPage.onceDialog(dialog -> dialog.accept());
        adaPage.locator("#documents tr[data-doc-id='" + docId + "'] button.delete").click();
        adaPage.locator("#deleted tr[data-doc-id='" + docId + "']").waitFor();
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
}
