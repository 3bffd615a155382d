package vn.haiphong.ioc.dashboards.open311;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenBucketsTest {
    @Test
    void allowsTheBurstThenRefillsAtTheRate() {
        TokenBuckets buckets = new TokenBuckets(2, 60);
        assertThat(buckets.take("a", 0)).isTrue();
        assertThat(buckets.take("a", 0)).isTrue();
        assertThat(buckets.take("a", 0)).isFalse();
        assertThat(buckets.take("b", 0)).as("another key has its own bucket").isTrue();
        assertThat(buckets.take("a", 999)).isFalse();
        assertThat(buckets.take("a", 1_000)).as("one a second at 60 a minute").isTrue();
    }

    @Test
    void saysHowLongUntilTheNextToken() {
        TokenBuckets buckets = new TokenBuckets(1, 6);
        assertThat(buckets.waitMillis("a", 0))
                .as("an unknown key has its full burst")
                .isZero();
        assertThat(buckets.take("a", 0)).isTrue();
        assertThat(buckets.take("a", 1_000)).isFalse();
        assertThat(buckets.waitMillis("a", 1_000))
                .as("six a minute: one every 10 s")
                .isEqualTo(9_000);
        assertThat(buckets.take("a", 10_000)).isTrue();
    }
}
