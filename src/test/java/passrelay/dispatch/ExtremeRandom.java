package passrelay.dispatch;

import java.util.random.RandomGenerator;

/** A random source that always draws the top (or bottom) of the asked range, to make backoff delays exact. */
final class ExtremeRandom implements RandomGenerator {

    private final boolean highest;

    private ExtremeRandom(boolean highest) {
        this.highest = highest;
    }

    static ExtremeRandom highest() {
        return new ExtremeRandom(true);
    }

    static ExtremeRandom lowest() {
        return new ExtremeRandom(false);
    }

    @Override
    public long nextLong() {
        throw new UnsupportedOperationException("only bounded draws are expected");
    }

    @Override
    public long nextLong(long bound) {
        return highest ? bound - 1 : 0;
    }
}
