package dev.tandem.support.client;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Someone at a Tandem server as a browser is: signed in through the sign-in form (or not), with
 * the session cookie that follows, calling the HTTP API from the server's own origin.
 */
public final class WebSession {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI base;
    /** The cookies the server set, by name: the session's, and the version a cluster keeps of it. */
    private final Map<String, String> cookies = new java.util.concurrent.ConcurrentSkipListMap<>();
    private String setCookie = "";

    public WebSession(URI base) {
        this.base = base;
    }

    /** The same browser, at another address of the same server (another node of a cluster): the cookie goes along. */
    public WebSession at(URI otherBase) {
        WebSession there = new WebSession(otherBase);
        there.cookies.putAll(cookies);
        return there;
    }

    /** The origin of the server's own pages. */
    public String origin() {
        return "http://" + base.getHost() + ":" + base.getPort();
    }

    /** The cookies to send ({@code JSESSIONID=...}, and others the server set), or null before signing in. */
    public String cookie() {
        return cookies.containsKey("JSESSIONID") ? cookies.entrySet().stream()
                .map(cookie -> cookie.getKey() + "=" + cookie.getValue()).collect(Collectors.joining("; ")) : null;
    }

    /** The last session cookie the server set, with its attributes. */
    public String setCookie() {
        return setCookie;
    }

    /** Posts the sign-in form; answers where the server sent the browser next. */
    public String signIn(String username, String password) throws IOException, InterruptedException {
        return postForm("signin", Map.of("username", username, "password", password, "next", "/"));
    }

    /** Posts a form of the server's pages; answers the redirect's target. */
    public String postForm(String path, Map<String, String> fields) throws IOException, InterruptedException {
        String body = fields.entrySet().stream()
                .map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response = send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        return response.headers().firstValue("Location").orElse("(status " + response.statusCode() + ")");
    }

    /** An API call with a JSON body (null: none). */
    public HttpResponse<String> call(String method, String path, String json) throws IOException, InterruptedException {
        HttpRequest.Builder request = request(path);
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return send(request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json)));
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return call("GET", path, null);
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).header("Origin", origin());
        if (cookie() != null) {
            request.header("Cookie", cookie());
        }
        return request;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        for (String set : response.headers().allValues("Set-Cookie")) {
            String pair = set.substring(0, set.indexOf(';') < 0 ? set.length() : set.indexOf(';'));
            String name = pair.substring(0, pair.indexOf('='));
            String value = pair.substring(pair.indexOf('=') + 1);
            if (value.isEmpty() || set.toLowerCase(java.util.Locale.ROOT).contains("max-age=0")) {
                cookies.remove(name);
            } else {
                cookies.put(name, value);
            }
            if (set.startsWith("JSESSIONID=")) {
                setCookie = set;
            }
        }
        return response;
    }
}
