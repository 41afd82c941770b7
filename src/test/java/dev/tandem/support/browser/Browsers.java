package dev.tandem.support.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Headless Chromium (the machine's, not a downloaded one) driven by Playwright, and the people
 * using it: each person is a browser profile of their own, so their own name, cookies and client id.
 */
public final class Browsers implements AutoCloseable {
    private final Playwright playwright;
    private final Browser browser;
    private final List<BrowserContext> contexts = new CopyOnWriteArrayList<>();

    public Browsers() {
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of(
                "PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1",
                "PLAYWRIGHT_NODEJS_PATH", System.getProperty("tandem.node", "/usr/bin/node"))));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(Path.of(System.getProperty("tandem.chromium", "/usr/bin/chromium")))
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync")));
    }

    /** A fresh profile for someone called {@code name}. */
    public BrowserContext profile(String name) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(840, 400));
        contexts.add(context);
        context.addInitScript("localStorage.setItem('tandem.name', " + jsString(name) + ");");
        return context;
    }

    /**
     * A page of a fresh profile for {@code username}, signed in through the sign-in form of the
     * server at {@code base}: on the documents page, once it says who is signed in.
     */
    public Page signedIn(URI base, String username, String password) {
        return signedIn(base, username, password, page -> { });
    }

    /** {@link #signedIn(URI, String, String)}, with {@code watching} set up on the page before it opens anything. */
    public Page signedIn(URI base, String username, String password, Consumer<Page> watching) {
        Page page = profile(username).newPage();
        watching.accept(page);
        page.onPageError(error -> System.out.println("[" + username + "] error: " + error));
        page.navigate(base.toString());
        page.waitForURL("**/signin");
        page.locator("#signin-form [name=username]").fill(username);
        page.locator("#signin-form [name=password]").fill(password);
        page.locator("#signin-form button").click();
        page.waitForURL(base.toString());
        page.locator("#who").waitFor();
        return page;
    }

    /** {@code name} opens the editor page at {@code address} and waits for the text. */
    public EditorPage person(String name, URI address) {
        return EditorPage.open(profile(name), address);
    }

    /** Closes every profile opened so far (after each test). */
    public void closeProfiles() {
        contexts.forEach(BrowserContext::close);
        contexts.clear();
    }

    private static String jsString(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    @Override
    public void close() {
        playwright.close();
    }
}
