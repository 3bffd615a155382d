package vn.haiphong.ioc.simulators.gen.port;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import vn.haiphong.ioc.core.port.Iso6346;

class ContainerNumbersTest {
    private static final List<String> REAL = List.of("CSQU3054383", "MWCU6059784", "APZU4812090", "GVTU3000389");

    @Test
    void theCheckDigitAcceptsRealContainerNumbers() {
        for (String n : REAL) {
            assertThat(Iso6346.isValid(n)).as(n).isTrue();
            assertThat(Iso6346.checkDigit(n.substring(0, 10))).isEqualTo(n.charAt(10) - '0');
        }
    }

    @Test
    void theCheckDigitRejectsAlteredNumbers() {
        for (String n : REAL) {
            for (char d = '0'; d <= '9'; d++) {
                if (d != n.charAt(10)) {
                    assertThat(Iso6346.isValid(n.substring(0, 10) + d))
                            .as(n + " ending in " + d)
                            .isFalse();
                }
            }
        }
        // A serial digit misread, and a pair of serial digits swapped.
        assertThat(Iso6346.isValid("CSQU3054883")).isFalse();
        assertThat(Iso6346.isValid("CSQU0354383")).isFalse();
        assertThat(Iso6346.isValid("MWCU6059774")).isFalse();
        assertThat(Iso6346.isValid("APZU4812900")).isFalse();
    }

    @Test
    void generatesValidNumbersAndMisreadsThatFailTheCheck() {
        SplittableRandom rng = new SplittableRandom(1);
        for (int i = 0; i < 5_000; i++) {
            String n = ContainerNumbers.next(rng, List.of("MSCU", "TGHU", "CMAU"));
            assertThat(n).matches("(MSCU|TGHU|CMAU)[0-9]{7}");
            assertThat(Iso6346.isValid(n)).as(n).isTrue();
            String misread = ContainerNumbers.misread(rng, n);
            assertThat(misread).hasSize(11).startsWith(n.substring(0, 4)).isNotEqualTo(n);
            assertThat(Iso6346.isValid(misread)).as(misread).isFalse();
        }
    }
}
