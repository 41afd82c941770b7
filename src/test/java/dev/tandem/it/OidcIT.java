package dev.tandem.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import dev.tandem.protocol.JsonProviderHolder;
import dev.tandem.support.browser.Browsers;
import dev.tandem.support.browser.EditorPage;
import dev.tandem.support.client.WebSession;
import dev.tandem.support.server.FreePorts;
import dev.tandem.support.server.PayaraMicroProcess;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Single sign-on: Tandem with {@code tandem.access=oidc} against a real OpenID Connect provider
 * (mock-oauth2-server: discovery, signed ID tokens, the authorization-code flow) that the test
 * starts. Chromium signs in through the container's OpenID Connect mechanism and edits.
 */
class OidcIT {
    private static MockOAuth2Server provider;
    private static PayaraMicroProcess server;

    @BeforeAll
    static void start() throws Exception {
        provider = new MockOAuth2Server();
        int port = FreePorts.take();
        provider.start(port);
        server = new PayaraMicroProcess(Path.of("target", "payara-it", "oidc-" + System.currentTimeMillis())
                .toAbsolutePath(), List.of("tandem.access=oidc", "tandem.oidc.provider=" + provider.issuerUrl("corp"),
                "tandem.oidc.client-id=tandem", "tandem.oidc.client-secret=client-secret-for-tests"));
        server.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (provider != null) {
            provider.shutdown();
        }
    }

    @Test
    void chromiumSignsInThroughTheProviderAndEditsAsThatPerson() throws Exception {
        provider.enqueueCallback(new DefaultOAuth2TokenCallback("corp", "olivia-subject", "JWT", List.of("tandem"),
                Map.of("preferred_username", "olivia", "name", "Olivia Okafor", "groups", List.of("corp-writers")), 3600));
        try (Browsers browsers = new Browsers()) {
            Page page = browsers.profile("olivia").newPage();
            page.navigate(server.base().toString());
            page.locator("#who").waitFor(); // through the provider and back, signed in
            assertTrue(page.locator("#who").textContent().contains("Olivia Okafor (olivia)"),
                    page.locator("#who").textContent());
            String me = (String) page.evaluate("async () => (await fetch('/api/me')).text()");
            assertTrue(me.contains("\"groups\":[\"corp-writers\"]"), "groups from the provider's claim: " + me);
            page.locator("#new-document").click();
            page.waitForURL("**/d/*");
            EditorPage editor = EditorPage.attach(page);
            editor.surface().click();
            editor.type("Signed in once, for everything.");
            editor.waitSettled();
            String doc = page.url().substring(page.url().lastIndexOf('/') + 1);

            // the history names her, from the provider's claims
            String edits = (String) page.evaluate("async (doc) => (await fetch('/api/docs/' + doc + '/edits')).text()", doc);
            JsonObject first = JsonProviderHolder.PROVIDER.createReader(new StringReader(edits)).readObject()
                    .getJsonArray("edits").getJsonObject(0);
            assertEquals("olivia", first.getString("author"));
            assertEquals("Olivia Okafor", first.getString("authorName"));
        }
    }

    @Test
    void passwordsOpenNothingWhereTheProviderSignsPeopleIn() throws Exception {
        WebSession someone = new WebSession(server.base());
        someone.signIn("olivia", "any password at all");
        HttpResponse<String> me = someone.get("api/me");
        assertEquals(200, me.statusCode());
        JsonObject answer = JsonProviderHolder.PROVIDER.createReader(new StringReader(me.body())).readObject();
        assertEquals("oidc", answer.getString("access"));
        assertEquals(false, answer.getBoolean("signedIn"));
        assertEquals(302, someone.get("sso").statusCode(), "sent to the provider");
    }
}
