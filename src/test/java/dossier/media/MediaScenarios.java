package dossier.media;

import dossier.media.control.MediaSamples;
import dossier.testing.Browser;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URL;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Editors upload images and documents, against the real WAR in Payara Micro over HTTP: through the form, the
 * API with the session, and a personal token; everyone reads them back. The media limit is 2 MB here (set in
 * the Failsafe environment). Each test uploads content of its own, so the tests do not depend on each other.
 */
@RunAsClient
public abstract class MediaScenarios extends dossier.testing.Scenarios {

    static final String ADMIN = "chief";
    static final String ADMIN_PASSWORD = "chief-editor-secret-42";
    static final int LIMIT = 2 * 1024 * 1024;
    /** The data folder the server was given (DOSSIER_DATA_DIR in the pom). */
    static final Path MEDIA = Path.of("target", "it-data", "media");
    private static final Pattern UPLOADED = Pattern.compile("uploaded=([^&#]+)");


    /** Runs against the server at {@code base}, shared with the other system tests (see {@code dossier.SystemIT}). */
    protected MediaScenarios(URL base) {
        super(base);
    }




    /** A PNG no other test uploads: a real image, then bytes of its own (decoders stop at its end chunk). */
    private static byte[] uniquePng() {
        byte[] png = MediaSamples.png();
        byte[] tag = UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII);
        byte[] unique = Arrays.copyOf(png, png.length + tag.length);
        System.arraycopy(tag, 0, unique, png.length, tag.length);
        return unique;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static HttpResponse<String> rawUpload(Browser b, String name, byte[] file, Map<String, String> headers) {
        HttpRequest.Builder request = b.request("/api/media?name=" + name).header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(file));
        headers.forEach(request::header);
        return b.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> rawUpload(Browser b, String name, byte[] file) {
        return rawUpload(b, name, file, Map.of("X-CSRF-Token", b.csrfToken(), "Content-Type", "application/octet-stream"));
    }

    private HttpResponse<byte[]> fetch(String url, String... headers) throws Exception {
        HttpRequest.Builder request = visitor().request(url).GET();
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return visitor().send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":(\"((?:[^\"\\\\]|\\\\.)*)\"|\\d+)").matcher(json);
        assertTrue(m.find(), name + " in " + json);
        return m.group(2) != null ? m.group(2).replace("\\\\", "\\") : m.group(1);
    }

    /** Nothing in the media folder is named for this content, and no temporary file is left behind. */
    private static void assertNotStored(byte[] content) throws Exception {
        String hash = sha256(content);
        if (!Files.isDirectory(MEDIA)) {
            return;
        }
        try (Stream<Path> files = Files.walk(MEDIA)) {
            List<String> names = files.filter(Files::isRegularFile).map(f -> f.getFileName().toString()).toList();
            assertTrue(names.stream().noneMatch(n -> n.startsWith(hash) || n.endsWith(".part")), names.toString());
        }
    }

    private void assertServedAsPng(String url, byte[] png) throws Exception {
        HttpResponse<byte[]> file = fetch(url);
        assertEquals(200, file.statusCode());
        assertArrayEquals(png, file.body(), "byte for byte");
        assertEquals("image/png", file.headers().firstValue("Content-Type").orElse(""));
        assertEquals("nosniff", file.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertEquals("public, max-age=31536000, immutable", file.headers().firstValue("Cache-Control").orElse(""));
        assertEquals("default-src 'none'; sandbox", file.headers().firstValue("Content-Security-Policy").orElse(""));
        assertEquals("\"" + sha256(png) + "\"", file.headers().firstValue("ETag").orElse(""));
        assertEquals(304, fetch(url, "If-None-Match", "\"" + sha256(png) + "\"").statusCode(), "revalidation");
    }

    @Test
    void anEditorUploadsAPngThroughTheFormAndEveryoneGetsItBackUnchanged() throws Exception {
        Browser chief = editor();
        chief.get("/articles/discussion-empty");
        byte[] png = uniquePng();
        HttpResponse<String> answer = chief.upload("/media", "Cover photo.png", png, "return", "/articles/discussion-empty#top");
        assertEquals(303, answer.statusCode(), answer.body());
        String location = answer.headers().firstValue("Location").orElse("");
        assertTrue(location.contains("/articles/discussion-empty?uploaded=") && location.endsWith("#top"), location);
        Matcher uploaded = UPLOADED.matcher(location);
        assertTrue(uploaded.find());
        String url = URLDecoder.decode(uploaded.group(1), StandardCharsets.UTF_8);
        assertEquals("/media/" + sha256(png) + ".png", url);
        assertServedAsPng(url, png);
        assertTrue(Files.isRegularFile(MEDIA.resolve(sha256(png).substring(0, 2)).resolve(sha256(png) + ".png")));

        chief.get("/");
        HttpResponse<String> json = chief.multipart("/media", Map.of("_csrf", chief.csrfToken()), "again.png", png, "application/json");
        assertEquals(201, json.statusCode(), json.body());
        assertEquals(url, field(json.body(), "url"), "the same content, the same address");
        assertEquals("![again](" + url + ")", field(json.body(), "markdown"));

        chief.get("/");
        HttpResponse<String> noReturn = chief.upload("/media", "x.png", png);
        assertEquals(303, noReturn.statusCode());
        assertTrue(noReturn.headers().firstValue("Location").orElse("").endsWith(url), "without a page to go back to, the file");

        chief.get("/");
        HttpResponse<String> offsite = chief.upload("/media", "x.png", png, "return", "//evil.example/");
        assertFalse(offsite.headers().firstValue("Location").orElse("").contains("evil.example"), "never to another host");
    }

    @Test
    void theApiTakesTheRawFileFromTheEditorsScriptAndFromAPersonalToken() throws Exception {
        Browser chief = editor();
        byte[] png = uniquePng();
        HttpResponse<String> created = rawUpload(chief, "photo.png", png, Map.of("X-CSRF-Token", chief.csrfToken(),
                "Content-Type", "text/html"));
        assertEquals(201, created.statusCode(), created.body());
        String url = "/media/" + sha256(png) + ".png";
        assertEquals(url, field(created.body(), "url"));
        assertEquals("image/png", field(created.body(), "type"), "from the content, whatever the request claimed");
        assertEquals(String.valueOf(png.length), field(created.body(), "size"));
        assertEquals("photo.png", field(created.body(), "name"));
        assertEquals("![photo](" + url + ")", field(created.body(), "markdown"));
        assertTrue(created.headers().firstValue("Location").orElse("").endsWith(url));
        assertServedAsPng(url, png);

        chief.get("/account/tokens");
        HttpResponse<String> token = chief.submit("/account/tokens", "name", "media script");
        assertEquals(201, token.statusCode());
        String secret = Jsoup.parse(token.body()).getElementById("new-token").text();
        byte[] pdf = (new String(MediaSamples.pdf(), StandardCharsets.ISO_8859_1) + "% " + UUID.randomUUID() + "\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        HttpResponse<String> script = rawUpload(visitor(), "Annual%20report.pdf", pdf, Map.of("Authorization", "Bearer " + secret));
        assertEquals(201, script.statusCode(), script.body());
        String pdfUrl = "/media/" + sha256(pdf) + ".pdf";
        assertEquals("[Annual report.pdf](" + pdfUrl + ")", field(script.body(), "markdown"), "a document is linked");
        HttpResponse<byte[]> document = fetch(pdfUrl);
        assertArrayEquals(pdf, document.body());
        assertEquals("application/pdf", document.headers().firstValue("Content-Type").orElse(""));
        assertTrue(document.headers().firstValue("Content-Disposition").orElse("").startsWith("attachment;"),
                "downloaded: browsers' PDF viewers do not run in a sandbox");
    }

    @Test
    void anHtmlPageNamedPngIsRefusedAndNothingIsStored() throws Exception {
        Browser chief = editor();
        byte[] page = ("<!DOCTYPE html><html><body><script>alert('" + UUID.randomUUID() + "')</script></body></html>")
                .getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> api = rawUpload(chief, "innocent.png", page, Map.of("X-CSRF-Token", chief.csrfToken(),
                "Content-Type", "image/png"));
        assertEquals(415, api.statusCode());
        assertTrue(api.body().contains("PNG, JPEG, GIF or WebP images, or PDF documents"), api.body());

        chief.get("/");
        HttpResponse<String> form = chief.upload("/media", "innocent.png", page, "return", "/");
        assertEquals(415, form.statusCode());
        assertTrue(Jsoup.parse(form.body()).text().contains("not one the site takes"), "a page a person can read");

        chief.get("/");
        byte[] svg = MediaSamples.svg();
        assertEquals(415, rawUpload(chief, "logo.svg", svg).statusCode(), "SVG can carry script");
        assertEquals(415, rawUpload(chief, "empty.png", new byte[0]).statusCode());
        assertNotStored(page);
        assertNotStored(svg);
        assertEquals(404, fetch("/media/" + sha256(page) + ".png").statusCode());
    }

    @Test
    void aFileOverTheLimitIsRefusedWith413WhetherOrNotItsLengthIsKnown() throws Exception {
        Browser chief = editor();
        byte[] tooLarge = Arrays.copyOf(uniquePng(), LIMIT + 1);
        HttpResponse<String> known = rawUpload(chief, "big.png", tooLarge);
        assertEquals(413, known.statusCode());
        assertTrue(known.body().contains("larger than 2 MB"), known.body());

        HttpResponse<String> chunked = chief.send(chief.request("/api/media?name=big.png")
                .header("X-CSRF-Token", chief.csrfToken()).header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(tooLarge))),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(413, chunked.statusCode(), "without a Content-Length, counted while reading");
        assertTrue(chunked.body().contains("larger than 2 MB"), chunked.body());

        chief.get("/");
        HttpResponse<String> form = chief.upload("/media", "big.png", tooLarge);
        assertEquals(413, form.statusCode());
        assertTrue(Jsoup.parse(form.body()).text().contains("larger than 2 MB"));

        chief.get("/");
        HttpResponse<String> far = rawUpload(chief, "huge.png", new byte[3 * LIMIT]);
        assertEquals(413, far.statusCode(), "refused by its length before it is read");
        byte[] farForm = Browser.multipartBody("b0undary", Map.of("_csrf", chief.csrfToken()), "huge.png", new byte[3 * LIMIT]);
        HttpResponse<String> farChunked = chief.send(chief.request("/media").header("Accept", "application/json")
                .header("Content-Type", "multipart/form-data; boundary=b0undary")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(farForm))),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(413, farChunked.statusCode(), "a form too, without a Content-Length: " + farChunked.body());
        assertTrue(farChunked.body().contains("larger than 2 MB"), farChunked.body());
        assertNotStored(tooLarge);

        byte[] json = ("{\"markdown\":\"" + "x".repeat(LIMIT)).getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> article = chief.send(chief.request("/api/articles").header("X-CSRF-Token", chief.csrfToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(json))),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(413, article.statusCode(), "every other address keeps its 1 MB, counted too: " + article.body());
        assertTrue(article.body().contains("larger than 1024 KB"), article.body());

        byte[] exactly = Arrays.copyOf(tooLarge, LIMIT);
        assertEquals(201, rawUpload(chief, "exactly.png", exactly).statusCode(), "the limit itself is allowed");
    }

    @Test
    void readersAndVisitorsCannotUpload() throws Exception {
        byte[] png = uniquePng();
        Browser reader = reader();
        HttpResponse<String> api = rawUpload(reader, "x.png", png);
        assertEquals(403, api.statusCode());
        assertTrue(api.body().contains("Only editors and administrators"), api.body());
        reader.get("/");
        assertEquals(403, reader.upload("/media", "x.png", png).statusCode());

        Browser anonymous = visitor();
        assertEquals(401, rawUpload(anonymous, "x.png", png, Map.of("Content-Type", "image/png")).statusCode());
        HttpResponse<String> form = anonymous.send(anonymous.request("/media").header("Referer", base.toURI().resolve("/articles/discussion-empty").toString())
                .header("Content-Type", "multipart/form-data; boundary=b0undary").header("Accept", "text/html")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(Browser.multipartBody("b0undary", Map.of(), "x.png", png))),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(303, form.statusCode());
        assertEquals("/login?return=%2Farticles%2Fdiscussion-empty", form.headers().firstValue("Location").orElse(""),
                "to log in, and back to the page the form was on");
        assertNotStored(png);
    }

    @Test
    void aSessionRequestWithoutTheCsrfTokenIsRefusedAndStoresNothing() throws Exception {
        Browser chief = editor();
        byte[] png = uniquePng();
        assertEquals(403, rawUpload(chief, "x.png", png, Map.of("Content-Type", "image/png")).statusCode());
        assertEquals(403, rawUpload(chief, "x.png", png, Map.of("X-CSRF-Token", "forged", "Content-Type", "image/png")).statusCode());
        assertEquals(403, chief.multipart("/media", Map.of("return", "/"), "x.png", png, "text/html").statusCode());
        assertEquals(403, chief.multipart("/media", Map.of("_csrf", "forged"), "x.png", png, "text/html").statusCode());
        assertNotStored(png);
        assertEquals(200, chief.json("GET", "/api/me", null, false).statusCode(), "still logged in");
    }

    @Test
    void onlyTheNamesOfRecordedFilesAnswer() throws Exception {
        for (String path : List.of("/media/" + "0".repeat(64) + ".png", "/media/x.svg", "/media/" + "A".repeat(64) + ".png",
                "/media/")) {
            assertEquals(404, fetch(path).statusCode(), path);
        }
        for (String path : List.of("/media/..%2F..%2Fetc%2Fpasswd", "/media/..%5C..%5Cetc%5Cpasswd")) {
            assertEquals(400, fetch(path).statusCode(), path + ": the server refuses encoded separators outright");
        }
    }

    /** A stranger's upload is held to the size every other door allows: the media limit is for editors only. */
    @Test
    void aStrangersUploadIsNotReadPastTheGeneralLimit() throws Exception {
        // Over the general 1 MB limit, within the media limit the test server sets (2 MB).
        byte[] big = Arrays.copyOf(uniquePng(), 1536 * 1024);
        HttpResponse<String> form = visitor().multipart("/media", Map.of("return", "/"), "big.png", big, "text/html");
        assertEquals(413, form.statusCode(), form.body());
        HttpResponse<String> api = rawUpload(visitor(), "big.png", big, Map.of("Content-Type", "image/png"));
        assertEquals(413, api.statusCode(), api.body());
        Browser chief = editor();
        chief.get("/");
        assertEquals(201, rawUpload(chief, "big.png", big).statusCode(), "an editor's upload of that size is taken");
    }

    /** Made-up asset names are 404 and leave nothing in memory (see AssetsTest); the bundled ones are served. */
    @Test
    void onlyTheBundledAssetsAnswer() throws Exception {
        String junk = "q".repeat(4_000);
        assertEquals(404, fetch("/assets/" + junk + ".css").statusCode());
        assertEquals(404, fetch("/assets/site.css.bak").statusCode());
        assertEquals(200, fetch("/assets/site.css").statusCode());
    }
}
