package dev.tandem.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import dev.tandem.ot.TextOperation;
import dev.tandem.protocol.JsonProviderHolder;
import dev.tandem.support.browser.Browsers;
import dev.tandem.support.browser.EditorPage;
import dev.tandem.support.client.Await;
import dev.tandem.support.client.LongPollLink;
import dev.tandem.support.client.OtClient;
import dev.tandem.support.client.WebSession;
import dev.tandem.support.client.WebSocketLink;
import dev.tandem.support.server.PayaraMicroProcess;
import jakarta.json.JsonObject;
import jakarta.websocket.CloseReason;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.HttpClient;
import org.glassfish.tyrus.client.ClientManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Who may read and edit, on Payara Micro as the README runs it (accounts in the embedded
 * database): signing in, owners, grants, share links, viewers, revocation on both transports,
 * client ids that cannot be taken over, and forms and API calls from other sites refused.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AccessIT {
    private static final String SETUP_TOKEN = "setup-token-for-tests-0123456789";
    /** Failed look-ups an address may make (a test makes them all, last of the run). */
    private static final int LOOK_UPS = 40;
    /** What pages complained of about their Content-Security-Policy. */
    private static final List<String> POLICY_VIOLATIONS = new CopyOnWriteArrayList<>();
    private static PayaraMicroProcess server;
    private static InMemoryDirectoryServer directory;
    private static WebSession ada;
    private static WebSession bob;
    private static WebSession cat;
    private static HttpClient longPolls;

    private final ClientManager websockets = ClientManager.createClient();
    private final List<AutoCloseable> open = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        directory = companyDirectory();
        server = new PayaraMicroProcess(Path.of("target", "payara-it", "access-" + System.currentTimeMillis())
                .toAbsolutePath(), List.of("tandem.setup-token=" + SETUP_TOKEN, "tandem.longpoll-hold-seconds=5",
                "tandem.longpoll-expiry-seconds=4", "tandem.look-up-failures-per-address=" + LOOK_UPS,
                "tandem.ldap.url=ldap://localhost:" + directory.getListenPort(),
                "tandem.ldap.people=ou=people,dc=example,dc=com", "tandem.ldap.groups=ou=groups,dc=example,dc=com"));
        server.start();
        longPolls = LongPollLink.newHttpClient();
        ada = new WebSession(server.base());
        assertTrue(ada.postForm("setup", Map.of("token", SETUP_TOKEN, "username", "ada", "name", "Ada Lovelace",
                "password", "correct horse battery")).endsWith("/signin?made"));
        assertTrue(ada.signIn("ada", "correct horse battery").endsWith("/"), "signed in");
        for (String name : List.of("bob", "cat")) {
            HttpResponse<String> made = ada.call("POST", "api/accounts", "{\"username\":\"" + name + "\",\"name\":\""
                    + Character.toUpperCase(name.charAt(0)) + name.substring(1) + "\",\"password\":\"" + name + "-password-1\"}");
            assertEquals(201, made.statusCode(), made.body());
        }
        bob = new WebSession(server.base());
        bob.signIn("bob", "bob-password-1");
        cat = new WebSession(server.base());
        cat.signIn("cat", "cat-password-1");
    }

    /** A company's LDAP directory: Erin, in the group "editors". */
    private static InMemoryDirectoryServer companyDirectory() throws Exception {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig("dc=example,dc=com");
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", 0));
        config.setSchema(null);
        InMemoryDirectoryServer ldap = new InMemoryDirectoryServer(config);
        ldap.add("dn: dc=example,dc=com", "objectClass: top", "objectClass: domain", "dc: example");
        ldap.add("dn: ou=people,dc=example,dc=com", "objectClass: organizationalUnit", "ou: people");
        ldap.add("dn: ou=groups,dc=example,dc=com", "objectClass: organizationalUnit", "ou: groups");
        ldap.add("dn: uid=erin,ou=people,dc=example,dc=com", "objectClass: inetOrgPerson", "uid: erin",
                "cn: Erin Example", "sn: Example", "displayName: Erin from the directory", "userPassword: erin-directory-pw");
        ldap.add("dn: cn=editors,ou=groups,dc=example,dc=com", "objectClass: groupOfNames", "cn: editors",
                "member: uid=erin,ou=people,dc=example,dc=com");
        ldap.startListening();
        return ldap;
    }

    @AfterAll
    static void stop() throws Exception {
        if (directory != null) {
            directory.shutDown(true);
        }
        if (longPolls != null) {
            longPolls.stop();
        }
        if (server != null) {
            server.close();
        }
    }

    @AfterEach
    void closeConnections() throws Exception {
        for (AutoCloseable connection : open) {
            connection.close();
        }
    }

    @Test
    void signingInTakesTheRightPasswordOnlyAndTheHomePageAsksForIt() throws Exception {
        WebSession stranger = new WebSession(server.base());
        HttpResponse<String> home = stranger.get("");
        assertEquals(302, home.statusCode());
        assertTrue(home.headers().firstValue("Location").orElse("").endsWith("/signin"), home.headers().toString());
        assertTrue(stranger.signIn("ada", "wrong password!").endsWith("/signin?failed"));
        assertEquals(302, stranger.get("").statusCode(), "still not signed in");
        assertTrue(stranger.postForm("setup", Map.of("token", SETUP_TOKEN, "username", "eve", "name", "Eve",
                "password", "0123456789ab")).endsWith("/signin?setup-failed"), "the first account exists: no second");

        assertEquals(200, ada.get("").statusCode());
        JsonObject me = json(ada.get("api/me").body());
        assertTrue(me.getBoolean("signedIn"));
        assertEquals("Ada Lovelace", me.getString("name"));
        assertTrue(me.getBoolean("admin"));
        assertEquals(403, bob.call("POST", "api/accounts", "{\"username\":\"mallory\",\"name\":\"M\",\"password\":\"0123456789ab\"}")
                .statusCode(), "only administrators add accounts");
    }

    @Test
    void strangersGetNothingOnAnyTransport() throws Exception {
        String doc = newDocument();
        assertEquals("forbidden", refusedJoin(cat, doc, null));
        assertEquals("forbidden", refusedJoin(null, doc, null), "a guest without a link");
        assertEquals("forbidden", refusedJoin(null, doc, "made-up-link-0123456789"), "a guest with a made-up link");
        assertEquals(404, cat.get("api/docs/" + doc + "/revisions/0").statusCode());
        assertEquals(404, new WebSession(server.base()).get("api/docs/" + doc + "/revisions/0").statusCode());
        assertEquals(200, ada.get("api/docs/" + doc + "/revisions/0").statusCode());

        LongPollLink poll = LongPollLink.open(longPolls, longPoll(doc), cat.origin(), frame -> { })
                .header("Cookie", cat.cookie());
        open.add(poll);
        poll.sendRaw("{\"type\":\"join\",\"clientId\":\"cat-lp\",\"clientSecret\":\"cat-lp-secret-0123456789\"}");
        JsonObject closed = poll.closed.get(30, TimeUnit.SECONDS);
        assertEquals(1008, closed.getInt("code"));
        assertEquals(List.of(403), poll.statuses);
    }

    @Test
    void aViewerSeesEditsLiveButCannotEditOnEitherTransport() throws Exception {
        String doc = newDocument();
        assertEquals(204, ada.call("PUT", "api/docs/" + doc + "/sharing/grants/bob", "{\"role\":\"viewer\"}").statusCode());
        OtClient owner = webSocket(ada, doc, "ada-1");
        owner.edit(TextOperation.builder().insert("hello").build());
        Await.until(owner::settled);

        OtClient viaWebSocket = webSocket(bob, doc, "bob-ws");
        OtClient viaLongPolling = longPolling(bob, doc, "bob-lp");
        assertEquals("viewer", viaWebSocket.role());
        assertEquals("viewer", viaLongPolling.role());
        owner.edit(TextOperation.builder().retain(5).insert("!").build());
        Await.until(() -> viaWebSocket.text().equals("hello!") && viaLongPolling.text().equals("hello!"));

        viaWebSocket.edit(TextOperation.builder().insert("X").retain(6).build());
        viaLongPolling.edit(TextOperation.builder().insert("Y").retain(6).build());
        Await.until(() -> refusedAs(viaWebSocket, "forbidden") && refusedAs(viaLongPolling, "forbidden"),
                () -> viaWebSocket.errors() + " " + viaLongPolling.errors());
        assertEquals(2, owner.revision(), "nothing of theirs applied");
        assertEquals("hello!", json(ada.get("api/docs/" + doc + "/revisions/2").body()).getString("text"));
        assertEquals(404, ada.get("api/docs/" + doc + "/revisions/3").statusCode());

        assertEquals(204, ada.call("PUT", "api/docs/" + doc + "/sharing/grants/bob", "{\"role\":\"editor\"}").statusCode());
        assertEquals("editor", webSocket(bob, doc, "bob-ws-again").role(), "a grant's role changes");
    }

    @Test
    void revokingAGrantOrALinkDisconnectsAtOnceOnBothTransports() throws Exception {
        String doc = newDocument();
        assertEquals(204, ada.call("PUT", "api/docs/" + doc + "/sharing/grants/bob", "{\"role\":\"editor\"}").statusCode());
        HttpResponse<String> made = ada.call("POST", "api/docs/" + doc + "/sharing/links", "{\"role\":\"editor\"}");
        assertEquals(201, made.statusCode(), made.body());
        JsonObject link = json(made.body());
        assertEquals("/d/" + doc + "#link=" + link.getString("token"), link.getString("path"));

        List<CloseReason> bobClosed = new CopyOnWriteArrayList<>();
        List<CloseReason> guestClosed = new CopyOnWriteArrayList<>();
        OtClient bobWs = webSocket(bob, doc, "bob-ws-2", bobClosed);
        OtClient guestWs = webSocket(null, doc, "guest-ws", guestClosed, link.getString("token"));
        LongPollLink[] bobLp = new LongPollLink[1];
        OtClient bobLongPoll = longPolling(bob, doc, "bob-lp-2", bobLp);
        LongPollLink[] guestLp = new LongPollLink[1];
        OtClient guestLongPoll = longPolling(null, doc, "guest-lp", guestLp, link.getString("token"));
        assertEquals("editor", guestWs.role());
        guestWs.edit(TextOperation.builder().insert("guest ").build());
        bobWs.edit(TextOperation.builder().insert("bob ").build());
        Await.until(() -> guestWs.settled() && bobWs.settled() && guestLongPoll.revision() == 2 && bobLongPoll.revision() == 2);

        long revoked = System.nanoTime();
        assertEquals(204, ada.call("DELETE", "api/docs/" + doc + "/sharing/links/" + link.getString("id"), null).statusCode());
        Await.until(() -> !guestClosed.isEmpty() && guestLp[0].closed.isDone());
        assertTrue(System.nanoTime() - revoked < TimeUnit.SECONDS.toNanos(2), "the link's holders were cut off within 2 s");
        assertEquals(CloseReason.CloseCodes.VIOLATED_POLICY, guestClosed.get(0).getCloseCode());
        assertEquals(1008, guestLp[0].closed.get().getInt("code"));
        assertTrue(guestLp[0].statuses.contains(403), guestLp[0].statuses.toString());
        assertTrue(bobClosed.isEmpty() && !bobLp[0].closed.isDone(), "bob has a grant of his own");
        assertEquals("forbidden", refusedJoin(null, doc, link.getString("token")), "the link opens nothing now");

        revoked = System.nanoTime();
        assertEquals(204, ada.call("DELETE", "api/docs/" + doc + "/sharing/grants/bob", null).statusCode());
        Await.until(() -> !bobClosed.isEmpty() && bobLp[0].closed.isDone());
        assertTrue(System.nanoTime() - revoked < TimeUnit.SECONDS.toNanos(2), "bob was cut off within 2 s");
        assertEquals(CloseReason.CloseCodes.VIOLATED_POLICY, bobClosed.get(0).getCloseCode());
        assertTrue(bobLp[0].statuses.contains(403), bobLp[0].statuses.toString());
        assertEquals("forbidden", refusedJoin(bob, doc, null));
        assertEquals(404, ada.get("api/docs/" + doc + "/revisions/3").statusCode(), "nothing after the revocations");
    }

    @Test
    void aGroupsGrantLetsItsMembersInAndTakingItAwayLetsThemOut() throws Exception {
        HttpResponse<String> made = ada.call("POST", "api/accounts",
                "{\"username\":\"dan\",\"name\":\"Dan\",\"password\":\"dan-password-1\",\"groups\":[\"writers\"]}");
        assertEquals(201, made.statusCode(), made.body());
        WebSession dan = new WebSession(server.base());
        dan.signIn("dan", "dan-password-1");
        assertEquals(List.of("writers"), json(dan.get("api/me").body()).getJsonArray("groups").getValuesAs(
                jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList());
        String doc = newDocument();
        assertEquals("forbidden", refusedJoin(dan, doc, null));
        assertEquals(204, ada.call("PUT", "api/docs/" + doc + "/sharing/grants/group:writers", "{\"role\":\"editor\"}")
                .statusCode());

        List<CloseReason> closes = new CopyOnWriteArrayList<>();
        OtClient viaWebSocket = webSocket(dan, doc, "dan-ws", closes);
        LongPollLink[] poll = new LongPollLink[1];
        OtClient viaLongPolling = longPolling(dan, doc, "dan-lp", poll);
        assertEquals("editor", viaWebSocket.role());
        assertEquals("editor", viaLongPolling.role());
        viaWebSocket.edit(TextOperation.builder().insert("by a writer").build());
        Await.until(viaWebSocket::settled);

        long revoked = System.nanoTime();
        assertEquals(204, ada.call("DELETE", "api/docs/" + doc + "/sharing/grants/group:writers", null).statusCode());
        Await.until(() -> !closes.isEmpty() && poll[0].closed.isDone());
        assertTrue(System.nanoTime() - revoked < TimeUnit.SECONDS.toNanos(2), "cut off within 2 s");

        // leaving the group lets him out just as well
        assertEquals(204, ada.call("PUT", "api/docs/" + doc + "/sharing/grants/group:writers", "{\"role\":\"editor\"}")
                .statusCode());
        List<CloseReason> again = new CopyOnWriteArrayList<>();
        webSocket(dan, doc, "dan-ws", again);
        revoked = System.nanoTime();
        assertEquals(204, ada.call("PUT", "api/accounts/dan/groups", "[]").statusCode());
        Await.until(() -> !again.isEmpty());
        assertTrue(System.nanoTime() - revoked < TimeUnit.SECONDS.toNanos(2), "cut off within 2 s");
        assertEquals(List.of(), json(dan.get("api/me").body()).getJsonArray("groups"));
    }

    @Test
    void ownershipPassesOnAndAdministratorsManageDocumentsNobodyOwns() throws Exception {
        HttpResponse<String> made = bob.call("POST", "api/docs", "{}");
        assertEquals(201, made.statusCode(), made.body());
        String bobs = json(made.body()).getString("id");
        assertEquals(404, cat.call("PUT", "api/docs/" + bobs + "/sharing/owner", "{\"owner\":\"cat\"}").statusCode(),
                "a stranger cannot take it: to her, it does not exist");
        assertEquals(200, ada.get("api/docs/" + bobs + "/sharing").statusCode(), "an administrator may manage it");

        assertEquals(204, bob.call("PUT", "api/docs/" + bobs + "/sharing/owner", "{\"owner\":\"cat\"}").statusCode());
        JsonObject sharing = json(cat.get("api/docs/" + bobs + "/sharing").body());
        assertEquals("cat", sharing.getString("owner"));
        assertEquals("editor", sharing.getJsonArray("grants").getJsonObject(0).getString("role"), "bob edits on");
        assertEquals("editor", webSocket(bob, bobs, "bob-after-transfer").role());
    }

    @Test
    void signingOutEndsThatSessionsConnections() throws Exception {
        String doc = newDocument();
        WebSession tab = new WebSession(server.base());
        tab.signIn("ada", "correct horse battery");
        List<CloseReason> closes = new CopyOnWriteArrayList<>();
        webSocket(tab, doc, "ada-leaving-ws", closes);
        LongPollLink[] poll = new LongPollLink[1];
        longPolling(tab, doc, "ada-leaving-lp", poll);
        assertTrue(tab.postForm("signout", Map.of()).endsWith("/signin?signed-out"));
        Await.until(() -> !closes.isEmpty() && poll[0].closed.isDone());
        assertEquals(200, ada.get("api/docs/" + doc + "/revisions/0").statusCode(), "her other sessions go on");
    }

    @Test
    void peopleChangeTheirPasswordAndARemovedAccountLeavesAtOnce() throws Exception {
        assertEquals(201, ada.call("POST", "api/accounts",
                "{\"username\":\"fay\",\"name\":\"Fay\",\"password\":\"fay-first-password\"}").statusCode());
        WebSession fay = new WebSession(server.base());
        fay.signIn("fay", "fay-first-password");
        assertEquals(403, fay.call("POST", "api/me/password",
                "{\"current\":\"not it at all\",\"password\":\"fay-second-password\"}").statusCode());
        assertEquals(204, fay.call("POST", "api/me/password",
                "{\"current\":\"fay-first-password\",\"password\":\"fay-second-password\"}").statusCode());
        assertTrue(new WebSession(server.base()).signIn("fay", "fay-first-password").endsWith("/signin?failed"));
        assertTrue(new WebSession(server.base()).signIn("fay", "fay-second-password").endsWith("/"));

        String doc = newDocument();
        assertEquals(204, ada.call("PUT", "api/docs/" + doc + "/sharing/grants/fay", "{\"role\":\"editor\"}").statusCode());
        List<CloseReason> closes = new CopyOnWriteArrayList<>();
        webSocket(fay, doc, "fay-ws", closes);
        long removed = System.nanoTime();
        assertEquals(204, ada.call("DELETE", "api/accounts/fay", null).statusCode());
        Await.until(() -> !closes.isEmpty());
        assertTrue(System.nanoTime() - removed < TimeUnit.SECONDS.toNanos(2), "cut off within 2 s");
        assertTrue(new WebSession(server.base()).signIn("fay", "fay-second-password").endsWith("/signin?failed"));
        assertEquals("forbidden", refusedJoin(fay, doc, null), "her old session speaks for nobody now");
    }

    @Test
    void aDirectoryPersonSignsInWithTheDirectoryPasswordAndTheirGroupsCount() throws Exception {
        WebSession erin = new WebSession(server.base());
        assertTrue(erin.signIn("erin", "not the password").endsWith("/signin?failed"));
        assertTrue(erin.signIn("erin", "erin-directory-pw").endsWith("/"), "the directory's password");
        JsonObject me = json(erin.get("api/me").body());
        assertEquals("Erin from the directory", me.getString("name"));
        assertEquals("editors", me.getJsonArray("groups").getString(0));

        String doc = newDocument();
        assertEquals(204, ada.call("PUT", "api/docs/" + doc + "/sharing/grants/group:editors", "{\"role\":\"viewer\"}")
                .statusCode());
        OtClient client = webSocket(erin, doc, "erin-ws");
        assertEquals("viewer", client.role());
    }

    @Test
    void nobodyTakesOverAnothersClientId() throws Exception {
        String doc = newDocument();
        assertEquals(204, ada.call("PUT", "api/docs/" + doc + "/sharing/grants/*", "{\"role\":\"editor\"}").statusCode());
        List<CloseReason> bobClosed = new CopyOnWriteArrayList<>();
        OtClient victim = webSocket(bob, doc, "bob-tab-1", bobClosed);
        victim.edit(TextOperation.builder().insert("mine").build());
        Await.until(victim::settled);

        List<String> frames = new CopyOnWriteArrayList<>();
        WebSocketLink impostor = WebSocketLink.open(websockets, webSocket(doc), cat.origin(), cat.cookie(), frames::add);
        open.add(impostor::close);
        impostor.sendRaw("{\"type\":\"join\",\"clientId\":\"bob-tab-1\"}");
        CloseReason closed = impostor.closed.get(30, TimeUnit.SECONDS);
        assertEquals(CloseReason.CloseCodes.VIOLATED_POLICY, closed.getCloseCode());
        assertTrue(frames.stream().anyMatch(frame -> frame.contains("\"code\":\"client-id-taken\"")), frames.toString());

        assertTrue(bobClosed.isEmpty(), "the victim stays connected");
        victim.edit(TextOperation.builder().retain(4).insert("!").build());
        Await.until(victim::settled);
        JsonObject edits = json(ada.get("api/docs/" + doc + "/edits").body());
        assertEquals(2, edits.getJsonArray("edits").size());
        for (JsonObject edit : edits.getJsonArray("edits").getValuesAs(JsonObject.class)) {
            assertEquals("bob", edit.getString("author"), "the history names who made each edit");
            assertEquals("Bob", edit.getString("authorName"));
        }
    }

    /**
     * In Chromium: signing in through the form, making a document, sharing it with a viewer and
     * through a link, then revoking the link while its holder has the page open.
     */
    @Test
    void aTeamSignsInSharesAndRevokesInTheBrowser() {
        try (Browsers browsers = new Browsers()) {
            Page owner = signedIn(browsers, "ada", "correct horse battery");
            assertTrue(owner.locator("#who").textContent().contains("Ada Lovelace"));
            owner.locator("#new-document").click();
            owner.waitForURL("**/d/*");
            EditorPage adaPage = EditorPage.attach(owner);
            adaPage.surface().click();
            adaPage.type("Hello team");
            adaPage.waitSettled();
            String address = owner.url();

            owner.locator("#sharing").click();
            owner.locator("#share-person [name=grantee]").fill("bob");
            owner.locator("#share-person [name=role]").selectOption("viewer");
            owner.locator("#share-person button").click();
            owner.locator("#share-grants li:has-text('bob can view')").waitFor();
            owner.locator("#share-link [name=role]").selectOption("editor");
            owner.locator("#share-link button").click();
            owner.locator("#share-new-link").waitFor();
            String linkAddress = owner.locator("#share-new-link").inputValue();
            assertTrue(linkAddress.contains("#link="), linkAddress);

            Page viewer = signedIn(browsers, "bob", "bob-password-1");
            viewer.navigate(address);
            EditorPage bobPage = EditorPage.attach(viewer);
            assertEquals("Hello team", bobPage.text());
            assertTrue(viewer.locator("#read-only").isVisible(), "the page says it is read-only");
            bobPage.surface().click();
            bobPage.type("nope");
            viewer.waitForTimeout(300);
            assertEquals("Hello team", bobPage.text(), "a viewer's page does not take typing");

            EditorPage guest = browsers.person("Gus", URI.create(linkAddress));
            guest.surface().click();
            guest.press("End");
            guest.type("!");
            guest.waitSettled();
            assertEquals("Hello team!", EditorPage.converged(List.of(adaPage, guest)));
            viewer.waitForFunction("() => window.tandem.text() === 'Hello team!'");

            owner.locator("#share-links li button").click(); // revoke
            guest.page.waitForFunction("() => document.getElementById('connection-status').dataset.state === 'stopped'",
                    null, new Page.WaitForFunctionOptions().setTimeout(10_000));
            assertTrue(guest.notice().contains("link"), guest.notice());

            Page stranger = browsers.profile("Stranger").newPage();
            stranger.navigate(address);
            stranger.waitForURL("**/signin?next=*");
            assertEquals(List.of(), POLICY_VIOLATIONS, "the pages do all they do within their policy");
        }
    }

    @Test
    void everyPageHasItsSecurityHeaders() throws Exception {
        for (String path : List.of("signin", "d/" + newDocument(), "")) {
            HttpResponse<String> page = ada.get(path);
            assertEquals(200, page.statusCode(), path);
            String policy = page.headers().firstValue("Content-Security-Policy").orElse("");
            assertTrue(policy.contains("script-src 'self' 'sha256-") && policy.contains("frame-ancestors 'none'")
                    && !policy.contains("unsafe-eval") && !policy.matches(".*script-src[^;]*unsafe-inline.*"), policy);
            assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElse(""));
            assertEquals("same-origin", page.headers().firstValue("Referrer-Policy").orElse(""));
        }
        WebSession fresh = new WebSession(server.base());
        fresh.signIn("bob", "bob-password-1");
        String cookie = fresh.setCookie().toLowerCase(Locale.ROOT);
        assertTrue(cookie.contains("httponly") && cookie.contains("samesite=lax"), fresh.setCookie());
    }

    @Test
    void signInsAreThrottledPerName() throws Exception {
        WebSession guesser = new WebSession(server.base());
        for (int i = 0; i < 10; i++) {
            assertTrue(guesser.signIn("cat", "guess " + i).endsWith("/signin?failed"));
        }
        assertTrue(guesser.signIn("cat", "cat-password-1").endsWith("/signin?throttled"), "not even the right one, for now");
        assertTrue(new WebSession(server.base()).signIn("bob", "bob-password-1").endsWith("/"), "others sign in");
    }

    @Test
    void aSignedInLongPollMustBeJson() throws Exception {
        String doc = newDocument();
        HttpResponse<String> form = ada.call("POST", "lp/docs/" + doc, null);
        assertEquals(415, form.statusCode(), form.body());
    }

    /** Last: it spends the address's failed look-ups, and the address learns nothing for a while. */
    @Test
    @Order(Integer.MAX_VALUE)
    void guessingDocumentIdsIsSlowedToNothing() throws Exception {
        String doc = newDocument();
        WebSession guesser = new WebSession(server.base());
        int status = 404;
        int guesses = 0;
        while (status == 404 && guesses <= LOOK_UPS) { // earlier tests' refusals from this address count too
            status = guesser.get("api/docs/guess-" + guesses++ + "/revisions/0").statusCode();
        }
        assertEquals(429, status, "refused after " + guesses + " guesses");
        assertEquals(429, ada.get("api/docs/" + doc + "/revisions/0").statusCode(), "the address learns nothing more");
    }

    private Page signedIn(Browsers browsers, String username, String password) {
        return browsers.signedIn(server.base(), username, password, page -> page.onConsoleMessage(message -> {
            if (message.text().contains("Content Security Policy")) {
                POLICY_VIOLATIONS.add(message.text());
            }
        }));
    }

    @Test
    void formsAndApiCallsFromOtherSitesAreRefused() throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        for (String path : List.of("api/docs", "signin")) {
            HttpResponse<String> forged = http.send(java.net.http.HttpRequest.newBuilder(server.base().resolve(path))
                    .header("Origin", "http://evil.example").header("Cookie", ada.cookie())
                    .header("Content-Type", path.equals("signin") ? "application/x-www-form-urlencoded" : "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(path.equals("signin")
                            ? "username=ada&password=correct+horse+battery" : "{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(403, forged.statusCode(), path + ": " + forged.body());
        }
        // nor does another site sign anyone in to its own account (login CSRF)
        HttpResponse<String> forgedSignIn = http.send(java.net.http.HttpRequest.newBuilder(server.base().resolve("signin"))
                .header("Origin", "http://evil.example").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("username=bob&password=bob-password-1&next=/"))
                .build(), HttpResponse.BodyHandlers.ofString());
        String session = forgedSignIn.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElse(null);
        if (session != null) {
            HttpResponse<String> me = http.send(java.net.http.HttpRequest.newBuilder(server.base().resolve("api/me"))
                    .header("Cookie", session).build(), HttpResponse.BodyHandlers.ofString());
            assertFalse(json(me.body()).getBoolean("signedIn"), "the forged sign-in signed nobody in");
        }
    }

    private static boolean refusedAs(OtClient client, String code) {
        return client.errors().stream().anyMatch(error -> error.code().equals(code));
    }

    private String newDocument() throws Exception {
        HttpResponse<String> made = ada.call("POST", "api/docs", "{}");
        assertEquals(201, made.statusCode(), made.body());
        String id = json(made.body()).getString("id");
        assertTrue(id.length() >= 22, "an unguessable id: " + id);
        return id;
    }

    /** What a join of {@code who} (null: a guest) holding {@code link} gets instead of a welcome. */
    private String refusedJoin(WebSession who, String doc, String link) throws Exception {
        List<String> frames = new CopyOnWriteArrayList<>();
        WebSocketLink connection = WebSocketLink.open(websockets, webSocket(doc), ada.origin(),
                who == null ? null : who.cookie(), frames::add);
        open.add(connection::close);
        connection.sendRaw("{\"type\":\"join\",\"clientId\":\"x" + System.nanoTime() + "\""
                + (link == null ? "" : ",\"link\":\"" + link + "\"") + "}");
        CloseReason closed = connection.closed.get(30, TimeUnit.SECONDS);
        assertEquals(CloseReason.CloseCodes.VIOLATED_POLICY, closed.getCloseCode(), closed.toString());
        assertFalse(frames.isEmpty(), "told why");
        return json(frames.get(0)).getString("code");
    }

    private OtClient webSocket(WebSession who, String doc, String clientId) throws Exception {
        return webSocket(who, doc, clientId, new CopyOnWriteArrayList<>());
    }

    private OtClient webSocket(WebSession who, String doc, String clientId, List<CloseReason> closes) throws Exception {
        return webSocket(who, doc, clientId, closes, null);
    }

    private OtClient webSocket(WebSession who, String doc, String clientId, List<CloseReason> closes, String link)
            throws Exception {
        WebSocketLink[] connection = new WebSocketLink[1];
        OtClient client = new OtClient(clientId, clientId, message -> connection[0].send(message)).withLink(link);
        connection[0] = WebSocketLink.connect(websockets, webSocket(doc), ada.origin(), who == null ? null : who.cookie(),
                client);
        connection[0].closed.thenAccept(closes::add);
        open.add(connection[0]::close);
        client.join();
        Await.until(() -> client.revision() >= 0);
        return client;
    }

    private OtClient longPolling(WebSession who, String doc, String clientId) throws Exception {
        return longPolling(who, doc, clientId, new LongPollLink[1]);
    }

    private OtClient longPolling(WebSession who, String doc, String clientId, LongPollLink[] connection) throws Exception {
        return longPolling(who, doc, clientId, connection, null);
    }

    private OtClient longPolling(WebSession who, String doc, String clientId, LongPollLink[] connection, String link)
            throws Exception {
        OtClient client = new OtClient(clientId, clientId, message -> connection[0].send(message)).withLink(link);
        connection[0] = LongPollLink.connect(longPolls, longPoll(doc), ada.origin(), client);
        if (who != null) {
            connection[0].header("Cookie", who.cookie());
        }
        open.add(connection[0]);
        client.join();
        Await.until(() -> client.revision() >= 0);
        return client;
    }

    private static URI webSocket(String doc) {
        return URI.create(server.base().toString().replaceFirst("^http", "ws") + "ws/docs/" + doc);
    }

    private static URI longPoll(String doc) {
        return server.base().resolve("lp/docs/" + doc);
    }

    private static JsonObject json(String text) {
        assertNotNull(text);
        return JsonProviderHolder.PROVIDER.createReader(new StringReader(text)).readObject();
    }
}
