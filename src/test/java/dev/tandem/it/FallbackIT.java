package dev.tandem.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.Page;
import dev.tandem.support.browser.Browsers;
import dev.tandem.support.browser.EditorPage;
import dev.tandem.support.server.NginxProxy;
import dev.tandem.support.server.PayaraMicroProcess;
import dev.tandem.support.server.RunningTandem;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The editor page where WebSocket does not get through: behind a real proxy that drops the
 * upgrade it switches to long polling by itself, edits together with pages on WebSocket, and
 * moves back to WebSocket once the proxy lets it through.
 */
@ExtendWith(RunningTandem.class)
class FallbackIT {
    private static Browsers browsers;
    private final URI base;
    private final String docId;
    private NginxProxy proxy;

    FallbackIT(PayaraMicroProcess server, TestInfo test) {
        this.base = server.base();
        this.docId = test.getTestMethod().orElseThrow().getName().substring(0, 24) + "-" + System.nanoTime();
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
    void closePages() throws Exception {
        browsers.closeProfiles();
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void aPageOnLongPollingAndOneOnWebSocketEditTogether() {
        EditorPage ada = browsers.person("Ada", base.resolve("d/" + docId + "?transport=longpoll"));
        EditorPage bob = browsers.person("Bob", base.resolve("d/" + docId));
        assertEquals("long polling", ada.transport());
        assertEquals("WebSocket", bob.transport());
        assertEquals("Connected (long polling)", ada.statusText());
        for (int i = 0; i < 30; i++) {
            ada.type("a");
            bob.type("b");
        }
        String text = EditorPage.converged(List.of(ada, bob));
        assertEquals(30, text.chars().filter(c -> c == 'a').count());
        assertEquals(30, text.chars().filter(c -> c == 'b').count());

        // closing the long-polling page: the other sees it leave at once, not after the expiry
        bob.page.waitForFunction("() => document.querySelector('#peers').textContent.includes('Ada')");
        ada.page.close();
        bob.page.waitForFunction("() => !document.querySelector('#peers').textContent.includes('Ada')", null,
                new Page.WaitForFunctionOptions().setTimeout(3_000));
    }

    @Test
    void behindAProxyThatBlocksWebSocketThePageSwitchesToLongPollingAndBackWhenItPasses() throws Exception {
        proxy = new NginxProxy(Path.of("target", "nginx-" + System.nanoTime()), base);
        proxy.start();
        EditorPage behind = browsers.person("Ada", proxy.base().resolve("d/" + docId));
        EditorPage direct = browsers.person("Bob", base.resolve("d/" + docId));
        assertEquals("long polling", behind.transport());
        assertEquals("WebSocket", direct.transport());
        behind.type("through the proxy. ");
        direct.press("Control+End");
        direct.type("direct. ");
        for (int i = 0; i < 20; i++) {
            behind.type("z");
            direct.type("k");
        }
        String text = EditorPage.converged(List.of(behind, direct));
        assertEquals(20, text.chars().filter(c -> c == 'z').count());
        assertEquals(20, text.chars().filter(c -> c == 'k').count());

        // the proxy learns to pass WebSocket: the page moves back by itself, losing nothing
        proxy.passWebSockets();
        behind.page.waitForFunction("() => document.querySelector('#connection-status').dataset.transport === 'WebSocket'"
                + " && window.tandem.settled()", null, new Page.WaitForFunctionOptions().setTimeout(60_000));
        behind.press("Control+End");
        behind.type(" over WebSocket now.");
        String after = EditorPage.converged(List.of(behind, direct));
        assertEquals(text + " over WebSocket now.", after);
    }
}
