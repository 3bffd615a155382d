package vn.haiphong.ioc.simulators.gen.port;

import java.util.List;
import java.util.SplittableRandom;
import vn.haiphong.ioc.core.port.Iso6346;

/**
 * Container numbers as a gate's OCR reads them: valid ISO 6346 numbers (check digit from ioc-core's {@link Iso6346}),
 * and now and then a misread one whose check digit fails.
 */
public final class ContainerNumbers {
    /** Digits an OCR gate camera confuses, by the digit it actually saw. */
    private static final char[] MISREAD = {'8', '7', '7', '8', '1', '6', '5', '1', '0', '8'};

    private ContainerNumbers() {}

    /** A valid number of one of the prefixes (owner code and category, e.g. {@code MSCU}). */
    public static String next(SplittableRandom rng, List<String> prefixes) {
        StringBuilder s = new StringBuilder(11).append(prefixes.get(rng.nextInt(prefixes.size())));
        for (int i = 0; i < 6; i++) {
            s.append((char) ('0' + rng.nextInt(10)));
        }
        return s.append((char) ('0' + Iso6346.checkDigit(s.toString()))).toString();
    }

    /** A valid number as a gate camera might misread it: one digit confused, so that the check digit fails. */
    public static String misread(SplittableRandom rng, String number) {
        int start = rng.nextInt(7);
        for (int k = 0; k < 7; k++) {
            int i = 4 + (start + k) % 7;
            char[] chars = number.toCharArray();
            chars[i] = MISREAD[chars[i] - '0'];
            String read = new String(chars);
            if (!Iso6346.isValid(read)) {
                return read;
            }
        }
        // Unreachable for a valid number: confusing its check digit (position 10, tried last at the latest) breaks it.
        throw new IllegalArgumentException(number + " is not a valid container number");
    }
}
