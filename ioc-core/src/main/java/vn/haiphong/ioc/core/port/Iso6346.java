package vn.haiphong.ioc.core.port;

/**
 * ISO 6346 container numbers: four letters (owner code and category), six digits and a check digit. The check digit
 * is Σ value(char i) × 2^i over the first ten characters, mod 11, mod 10; letters take A=10, B=12 … skipping multiples
 * of 11.
 */
public final class Iso6346 {
    private Iso6346() {}

    /** True when the number is well formed and its check digit is right. */
    public static boolean isValid(String number) {
        if (number == null || number.length() != 11) {
            return false;
        }
        for (int i = 0; i < 11; i++) {
            char c = number.charAt(i);
            boolean ok = i < 4 ? c >= 'A' && c <= 'Z' : c >= '0' && c <= '9';
            if (!ok) {
                return false;
            }
        }
        return checkDigit(number.substring(0, 10)) == number.charAt(10) - '0';
    }

    /** The check digit of the first ten characters (owner code, category, serial). */
    public static int checkDigit(String firstTen) {
        if (firstTen.length() != 10) {
            throw new IllegalArgumentException("need the first 10 characters of a container number");
        }
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            sum += value(firstTen.charAt(i)) << i;
        }
        return sum % 11 % 10;
    }

    private static int value(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c < 'A' || c > 'Z') {
            throw new IllegalArgumentException("'" + c + "' cannot stand in a container number");
        }
        // A=10, then each letter one more, skipping 11, 22 and 33.
        int v = 10;
        for (char l = 'A'; l < c; l++) {
            v++;
            if (v % 11 == 0) {
                v++;
            }
        }
        return v;
    }
}
