package dossier.testing;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** One visitor with its own cookies, speaking plain HTTP to the running site the way a browser's forms do. */
public final class Browser {

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private final URI base;
    private final HttpClient http;
    private String csrf;

    public Browser(URI base) {
        this.base = base;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public HttpResponse<String> get(String path) {
        HttpResponse<String> page = send(HttpRequest.newBuilder(base.resolve(path)).header("Accept", "text/html").GET());
        Matcher m = CSRF_FIELD.matcher(page.body());
        if (m.find()) {
            csrf = m.group(1);
        }
        return page;
    }

    /** Posts a form with the CSRF token of the last page seen, as the page's own form would. */
    public HttpResponse<String> submit(String path, String... fields) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("_csrf", csrf == null ? "" : csrf);
        for (int i = 0; i < fields.length; i += 2) {
            form.put(fields[i], fields[i + 1]);
        }
        return post(path, form);
    }

    /** Posts a form exactly as given: no token added. */
    public HttpResponse<String> post(String path, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** A JSON call with the session cookie and, when {@code withToken}, the X-CSRF-Token header. */
    public HttpResponse<String> json(String method, String path, String json, boolean withToken) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).header("Accept", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (withToken && csrf != null) {
            request.header("X-CSRF-Token", csrf);
        }
        return send(request);
    }

    /** Registers (and so logs in) and, as a browser follows the redirect, reads a page with the session's token. */
    public HttpResponse<String> register(String username, String password) {
        get("/register");
        HttpResponse<String> answer = submit("/register", "username", username, "email", username + "@example.org", "password", password);
        if (answer.statusCode() == 303) {
            get("/");
        }
        return answer;
    }

    public HttpResponse<String> logIn(String username, String password) {
        get("/login");
        HttpResponse<String> answer = submit("/login", "username", username, "password", password);
        get("/");
        return answer;
    }

    /** The CSRF token of the last page seen, as a page's own script reads it from the page. */
    public String csrfToken() {
        return csrf;
    }

    /** Posts a file as a page's upload form does: the CSRF token first, then the fields, then the file. */
    public HttpResponse<String> upload(String path, String fileName, byte[] file, String... fields) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("_csrf", csrf == null ? "" : csrf);
        for (int i = 0; i < fields.length; i += 2) {
            form.put(fields[i], fields[i + 1]);
        }
        return multipart(path, form, fileName, file, "text/html");
    }

    /** Posts a multipart form exactly as given (no token added), with the file last as field {@code file}. */
    public HttpResponse<String> multipart(String path, Map<String, String> fields, String fileName, byte[] file, String accept) {
        String boundary = "----DossierBoundary" + Long.toHexString(System.nanoTime());
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Accept", accept).POST(HttpRequest.BodyPublishers.ofByteArray(multipartBody(boundary, fields, fileName, file))));
    }

    /** The body of a multipart form, the file last as field {@code file}. */
    public static byte[] multipartBody(String boundary, Map<String, String> fields, String fileName, byte[] file) {
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        fields.forEach((name, value) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\""
                + name + "\"\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(file);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }

    /** A request to an address of the site, to finish and {@link #send(HttpRequest.Builder, HttpResponse.BodyHandler)}. */
    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path));
    }

    /** Sends any request with this visitor's cookies. */
    public <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> answer) {
        try {
            return http.send(request.build(), answer);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A download, with the session cookie. */
    public byte[] bytes(String path) {
        HttpResponse<byte[]> r = send(request(path).GET(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + r.statusCode());
        }
        return r.body();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        return send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The test administrator (configured for the test server in the pom), logged in. */
    public static Browser editor(URI base) {
        Browser b = new Browser(base);
        int status = b.logIn("chief", "chief-editor-secret-42").statusCode();
        if (status != 303) {
            throw new IllegalStateException("the test administrator cannot log in: " + status);
        }
        return b;
    }

    /** A newly registered reader with a random name, logged in, on the home page. */
    public static Browser reader(URI base) {
        Browser b = new Browser(base);
        int status = b.register("r" + java.util.UUID.randomUUID().toString().substring(0, 8), "a-long-enough-password").statusCode();
        if (status != 303) {
            throw new IllegalStateException("a reader cannot register: " + status);
        }
        b.get("/");
        return b;
    }

    /** The WAR that {@code mvn package} made, as every system test deploys it. */
    public static org.jboss.shrinkwrap.api.spec.WebArchive war() {
        return org.jboss.shrinkwrap.api.ShrinkWrap.createFromZipFile(org.jboss.shrinkwrap.api.spec.WebArchive.class,
                new java.io.File("target/ROOT.war"));
    }

    /** A JSON string literal of this text, written by JSON-P. */
    public static String json(String s) {
        return jakarta.json.Json.createValue(s).toString();
    }

}
