package dossier.site.control;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Supplier;

/**
 * A request body that may not grow past a limit: whoever reads it gets the refusal once more than
 * {@code limit} bytes have come, and reads no further. For bodies that do not say their length in advance
 * (chunked transfer), where the limit cannot be checked before reading.
 */
public final class LimitedInputStream extends FilterInputStream {

    private final long limit;
    private final Supplier<? extends RuntimeException> refusal;
    private long count;

    public LimitedInputStream(InputStream in, long limit, Supplier<? extends RuntimeException> refusal) {
        super(in);
        this.limit = limit;
        this.refusal = refusal;
    }

    @Override
    public int read() throws IOException {
        refuseWhenOver();
        int b = super.read();
        if (b >= 0) {
            counted(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        refuseWhenOver();
        int n = super.read(buffer, offset, (int) Math.min(length, limit + 1 - count));
        if (n > 0) {
            counted(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        refuseWhenOver();
        long skipped = super.skip(Math.min(n, limit + 1 - count));
        counted(skipped);
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void counted(long n) {
        count += n;
        refuseWhenOver();
    }

    private void refuseWhenOver() {
        if (count > limit) {
            throw refusal.get();
        }
    }
}
