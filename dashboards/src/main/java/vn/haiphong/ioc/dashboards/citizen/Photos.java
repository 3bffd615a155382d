package vn.haiphong.ioc.dashboards.citizen;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Iterator;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Citizens' photos: whatever arrives is decoded as an image and drawn again into a new JPEG (long side at most
 * {@link #MAX_SIDE} px, turned upright as the camera's EXIF orientation says), so nothing of the upload but its pixels
 * is kept: no EXIF (GPS position, phone model), no comments, no trailing bytes a browser could be tricked into running.
 * Stored under a random id, written atomically. Blocking: call on a worker.
 */
public final class Photos {
    public static final int MAX_SIDE = 1600;
    /** A small file can claim a huge canvas (a decompression bomb): refused before any pixel is decoded. */
    public static final long MAX_PIXELS = 60_000_000L;

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{24}");
    private static final Set<String> FORMATS = Set.of("jpeg", "png", "webp");
    private static final float QUALITY = 0.85f;

    private final Path dir;
    private final SecureRandom random = new SecureRandom();

    /** Refused: the HTTP status to answer (413, 415) and a reason a person can read. */
    public static final class Refused extends Exception {
        private final int status;

        Refused(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    public Photos(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the photo directory " + dir, e);
        }
    }

    public Path dir() {
        return dir;
    }

    /** Re-encodes an upload and stores it; returns its id. */
    public String store(byte[] upload) throws Refused {
        byte[] jpeg = reencode(upload);
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        try {
            Path tmp = Files.createTempFile(dir, ".upload-", ".tmp");
            try {
                Files.write(tmp, jpeg);
                try {
                    Files.move(tmp, file(id), StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file(id));
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store a photo in " + dir, e);
        }
        return id;
    }

    /** The stored photo of an id, if the id is well-formed and the photo is there. */
    public Optional<Path> find(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            return Optional.empty();
        }
        Path file = file(id);
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    /** The id in a photo's path {@code /media/{id}.jpg}, if it has that shape. */
    public static Optional<String> idOf(String mediaPath) {
        if (mediaPath == null || !mediaPath.startsWith("/media/") || !mediaPath.endsWith(".jpg")) {
            return Optional.empty();
        }
        String id = mediaPath.substring("/media/".length(), mediaPath.length() - ".jpg".length());
        return ID.matcher(id).matches() ? Optional.of(id) : Optional.empty();
    }

    public static String path(String id) {
        return "/media/" + id + ".jpg";
    }

    private Path file(String id) {
        return dir.resolve(id + ".jpg");
    }

    /** Decodes the upload and encodes its pixels as a new JPEG. */
    static byte[] reencode(byte[] upload) throws Refused {
        BufferedImage decoded = decode(upload);
        BufferedImage upright = orient(scaled(decoded), ExifOrientation.of(upload));
        try {
            return jpeg(upright);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a JPEG", e);
        }
    }

    private static BufferedImage decode(byte[] upload) throws Refused {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(upload))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (in == null || !readers.hasNext()) {
                throw new Refused(415, "the file is not an image (a JPEG, PNG or WebP photo is expected)");
            }
            ImageReader reader = readers.next();
            try {
                String format = reader.getFormatName().toLowerCase(Locale.ROOT);
                if (!FORMATS.contains(format)) {
                    throw new Refused(415, "a " + format + " image is not accepted: send a JPEG, PNG or WebP photo");
                }
                // Metadata is not read at all: only the pixels go on.
                reader.setInput(in, true, true);
                long width = reader.getWidth(0);
                long height = reader.getHeight(0);
                if (width < 1 || height < 1 || width * height > MAX_PIXELS) {
                    throw new Refused(
                            413,
                            "the image is " + width + " × " + height + " pixels: at most " + MAX_PIXELS / 1_000_000
                                    + " megapixels are accepted");
                }
                // Reading every n-th pixel keeps a 50-megapixel photo from filling the heap; still twice the output.
                int step = (int) Math.max(1, Math.max(width, height) / (2L * MAX_SIDE));
                ImageReadParam param = reader.getDefaultReadParam();
                param.setSourceSubsampling(step, step, 0, 0);
                BufferedImage image = reader.read(0, param);
                if (image == null) {
                    throw new Refused(415, "the image could not be decoded");
                }
                return image;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            // ImageIO signals a broken file with IIOException and, for some truncations, runtime exceptions.
            throw new Refused(415, "the image could not be decoded: it is damaged or not an image");
        }
    }

    /** Opaque RGB at most MAX_SIDE on its long side; transparency goes white, as a photo viewer shows it. */
    private static BufferedImage scaled(BufferedImage source) {
        int w = source.getWidth();
        int h = source.getHeight();
        double factor = Math.min(1.0, (double) MAX_SIDE / Math.max(w, h));
        int tw = Math.max(1, (int) Math.round(w * factor));
        int th = Math.max(1, (int) Math.round(h * factor));
        BufferedImage target = new BufferedImage(tw, th, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = target.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, tw, th);
            g.drawImage(source, 0, 0, tw, th, null);
        } finally {
            g.dispose();
        }
        return target;
    }

    /** Applies an EXIF orientation (1 to 8), so the photo stands as it was taken once the EXIF is gone. */
    static BufferedImage orient(BufferedImage image, int orientation) {
        if (orientation < 2 || orientation > 8) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        boolean swap = orientation >= 5;
        int ow = swap ? h : w;
        int oh = swap ? w : h;
        int[] src = image.getRGB(0, 0, w, h, null, 0, w);
        int[] dst = new int[src.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int nx;
                int ny;
                switch (orientation) {
                    case 2 -> {
                        nx = w - 1 - x;
                        ny = y;
                    }
                    case 3 -> {
                        nx = w - 1 - x;
                        ny = h - 1 - y;
                    }
                    case 4 -> {
                        nx = x;
                        ny = h - 1 - y;
                    }
                    case 5 -> {
                        nx = y;
                        ny = x;
                    }
                    case 6 -> {
                        nx = h - 1 - y;
                        ny = x;
                    }
                    case 7 -> {
                        nx = h - 1 - y;
                        ny = w - 1 - x;
                    }
                    default -> {
                        nx = y;
                        ny = w - 1 - x;
                    }
                }
                dst[ny * ow + nx] = src[y * w + x];
            }
        }
        BufferedImage out = new BufferedImage(ow, oh, BufferedImage.TYPE_INT_RGB);
        out.setRGB(0, 0, ow, oh, dst, 0, ow);
        return out;
    }

    private static byte[] jpeg(BufferedImage image) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(QUALITY);
            // No metadata given: the writer puts only its own JFIF header.
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
