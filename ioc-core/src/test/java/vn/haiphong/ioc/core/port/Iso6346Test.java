package vn.haiphong.ioc.core.port;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Iso6346Test {
    @ParameterizedTest
    @ValueSource(strings = {"CSQU3054383", "MWCU6059784", "APZU4812090", "GVTU3000389"})
    void acceptsRealContainerNumbers(String number) {
        assertThat(Iso6346.isValid(number)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"CSQU3054384", "MWCU6059774", "APZU481209", "apzu4812090", "1PZU4812090", "", "CSQU305438X"})
    void rejectsMisreadsAndMalformedNumbers(String number) {
        assertThat(Iso6346.isValid(number)).isFalse();
    }
}
