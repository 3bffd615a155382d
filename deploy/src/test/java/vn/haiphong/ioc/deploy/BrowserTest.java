package vn.haiphong.ioc.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The browser harness itself, against a page served by the JDK's HTTP server. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class BrowserTest {
    private static final String PAGE = """
            <!doctype html>
            <html lang="vi">
            <head><meta charset="utf-8"><title>Trung tâm IOC Hải Phòng</title>
            <style>
              body { font-family: sans-serif; background: #0b1e33; color: #e8f1fa; margin: 2em; }
              #kpi { font-size: 48px; color: #ffb000; }
              canvas { border: 1px solid #5b7a99; }
            </style></head>
            <body>
              <h1>Cảng Tân Vũ</h1>
              <p id="kpi">loading</p>
              <canvas id="gl" width="300" height="150"></canvas>
              <script>
                // Text written by script proves JavaScript runs; the WebGL context proves SwiftShader is on.
                document.getElementById('kpi').textContent = 'Gió giật 21.5 m/s';
                const gl = document.getElementById('gl').getContext('webgl');
                document.body.dataset.webgl = gl ? 'yes' : 'no';
                if (gl) { gl.clearColor(0.0, 0.6, 0.4, 1.0); gl.clear(gl.COLOR_BUFFER_BIT); }
              </script>
            </body>
            </html>
            """;

    private HttpServer server;

    @BeforeEach
    void serve() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = PAGE.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void loadsAPageReadsItsTextAndSavesAScreenshot() throws Exception {
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
        Path png = Browser.screenshotsDir().resolve("browser-harness.png");
        Files.deleteIfExists(png);

        try (Browser browser = Browser.start()) {
            browser.open(url);
            browser.waitFor(Duration.ofSeconds(10), d -> !browser.text("#kpi").equals("loading"));

            assertThat(browser.title()).isEqualTo("Trung tâm IOC Hải Phòng");
            assertThat(browser.text("h1")).isEqualTo("Cảng Tân Vũ");
            assertThat(browser.text("#kpi")).isEqualTo("Gió giật 21.5 m/s");
            assertThat(browser.script("return document.body.dataset.webgl")).isEqualTo("yes");
            assertThat(browser.script("return [window.innerWidth, window.innerHeight]"))
                    .asList()
                    .first()
                    .isEqualTo(1600L);

            browser.screenshot(png);
        }

        byte[] bytes = Files.readAllBytes(png);
        assertThat(bytes.length).isGreaterThan(1000);
        // The PNG signature: 0x89 "PNG" CR LF 0x1A LF.
        assertThat(bytes).startsWith(0x89 - 256, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n');
    }
}
