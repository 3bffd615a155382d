package vn.haiphong.ioc.dashboards.citizen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PhotosTest {
    @TempDir
    Path dir;

    /** A PNG whose header claims 30 000 × 30 000 pixels, with almost no data: refused before decoding. */
    @Test
    void refusesAHugeCanvasBeforeDecodingIt() throws Exception {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        ByteBuffer header = ByteBuffer.allocate(13)
                .putInt(30_000)
                .putInt(30_000)
                .put((byte) 8)
                .put((byte) 2)
                .put((byte) 0)
                .put((byte) 0)
                .put((byte) 0);
        chunk(png, "IHDR", header.array());
        chunk(png, "IDAT", new byte[] {0x78, (byte) 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01});
        chunk(png, "IEND", new byte[0]);
        Photos photos = new Photos(dir);
        assertThatThrownBy(() -> photos.store(png.toByteArray())).isInstanceOfSatisfying(Photos.Refused.class, e -> {
            assertThat(e.status()).isEqualTo(413);
            assertThat(e.getMessage()).contains("30000 × 30000");
        });
        assertThat(Files.list(dir).filter(p -> p.toString().endsWith(".jpg"))).isEmpty();
    }

    @Test
    void refusesAnImageOfAnotherFormat() throws Exception {
        ByteArrayOutputStream gif = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(10, 10, BufferedImage.TYPE_INT_RGB), "gif", gif);
        assertThatThrownBy(() -> new Photos(dir).store(gif.toByteArray()))
                .isInstanceOfSatisfying(Photos.Refused.class, e -> {
                    assertThat(e.status()).isEqualTo(415);
                    assertThat(e.getMessage()).contains("gif");
                });
    }

    @Test
    void refusesATruncatedJpeg() throws Exception {
        byte[] jpeg = CitizenApiTest.jpegWithExif();
        byte[] truncated = java.util.Arrays.copyOf(jpeg, jpeg.length / 3);
        assertThatThrownBy(() -> new Photos(dir).store(truncated))
                .isInstanceOfSatisfying(
                        Photos.Refused.class, e -> assertThat(e.status()).isEqualTo(415));
    }

    @Test
    void storesUnderARandomIdAndFindsOnlyWellFormedIds() throws Exception {
        Photos photos = new Photos(dir);
        String id = photos.store(CitizenApiTest.jpegWithExif());
        assertThat(id).matches("[A-Za-z0-9_-]{24}");
        assertThat(photos.find(id)).contains(dir.resolve(id + ".jpg"));
        assertThat(photos.find("../" + id)).isEmpty();
        assertThat(Photos.idOf(Photos.path(id))).contains(id);
        assertThat(Photos.idOf("/media/../../etc/passwd.jpg")).isEmpty();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(id + ".jpg");
        }
    }

    @Test
    void readsTheOrientationAndToleratesGarbage() throws Exception {
        assertThat(ExifOrientation.of(CitizenApiTest.jpegWithExif())).isEqualTo(6);
        Random random = new Random(7);
        for (int i = 0; i < 2_000; i++) {
            byte[] bytes = new byte[random.nextInt(64)];
            random.nextBytes(bytes);
            if (bytes.length > 4) {
                bytes[0] = (byte) 0xFF;
                bytes[1] = (byte) 0xD8;
                bytes[2] = (byte) 0xFF;
                bytes[3] = (byte) 0xE1;
            }
            if (bytes.length > 12) {
                System.arraycopy("Exif\0\0".getBytes(StandardCharsets.US_ASCII), 0, bytes, 6, 6);
            }
            assertThat(ExifOrientation.of(bytes)).isBetween(1, 8);
        }
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(name);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
