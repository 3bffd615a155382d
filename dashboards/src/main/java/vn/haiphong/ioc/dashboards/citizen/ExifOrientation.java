package vn.haiphong.ioc.dashboards.citizen;

/**
 * The orientation tag (0x0112) of a JPEG's EXIF block: phones store a photo as the sensor saw it and say in this tag
 * how to turn it. Read from the bytes directly (ImageIO reads no EXIF), checking every offset; anything unexpected
 * means 1, upright as stored.
 */
final class ExifOrientation {
    private static final int TAG = 0x0112;

    private ExifOrientation() {}

    static int of(byte[] b) {
        if (b.length < 4 || u8(b, 0) != 0xFF || u8(b, 1) != 0xD8) {
            return 1;
        }
        int i = 2;
        while (i + 4 <= b.length && u8(b, i) == 0xFF) {
            int marker = u8(b, i + 1);
            if (marker == 0xDA || marker == 0xD9) {
                return 1; // the image data starts: no EXIF before it
            }
            int length = (u8(b, i + 2) << 8) | u8(b, i + 3);
            int start = i + 4;
            int end = i + 2 + length;
            if (length < 2 || end > b.length) {
                return 1;
            }
            if (marker == 0xE1 && end - start > 14 && isExif(b, start)) {
                return orientation(b, start + 6, end);
            }
            i = end;
        }
        return 1;
    }

    private static boolean isExif(byte[] b, int at) {
        return b[at] == 'E'
                && b[at + 1] == 'x'
                && b[at + 2] == 'i'
                && b[at + 3] == 'f'
                && b[at + 4] == 0
                && b[at + 5] == 0;
    }

    /** The TIFF structure from {@code tiff} to {@code end}: byte order, then the first IFD's entries. */
    private static int orientation(byte[] b, int tiff, int end) {
        boolean little;
        if (b[tiff] == 'I' && b[tiff + 1] == 'I') {
            little = true;
        } else if (b[tiff] == 'M' && b[tiff + 1] == 'M') {
            little = false;
        } else {
            return 1;
        }
        long ifd = tiff + u32(b, tiff + 4, little);
        if (ifd < tiff || ifd + 2 > end) {
            return 1;
        }
        int count = u16(b, (int) ifd, little);
        for (int n = 0; n < count; n++) {
            int entry = (int) ifd + 2 + 12 * n;
            if (entry + 12 > end) {
                return 1;
            }
            if (u16(b, entry, little) == TAG) {
                int value = u16(b, entry + 8, little);
                return value >= 1 && value <= 8 ? value : 1;
            }
        }
        return 1;
    }

    private static int u8(byte[] b, int at) {
        return b[at] & 0xFF;
    }

    private static int u16(byte[] b, int at, boolean little) {
        return little ? u8(b, at) | u8(b, at + 1) << 8 : u8(b, at) << 8 | u8(b, at + 1);
    }

    private static long u32(byte[] b, int at, boolean little) {
        long value = little
                ? u8(b, at) | u8(b, at + 1) << 8 | u8(b, at + 2) << 16 | (long) u8(b, at + 3) << 24
                : (long) u8(b, at) << 24 | u8(b, at + 1) << 16 | u8(b, at + 2) << 8 | u8(b, at + 3);
        return value;
    }
}
