package dossier.site.control;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LimitedInputStreamTest {

    static final class Refused extends RuntimeException {
    }

    private static InputStream cut(int size, long limit) {
        return new LimitedInputStream(new ByteArrayInputStream(new byte[size]), limit, Refused::new);
    }

    @Test
    void aBodyUpToTheLimitReadsWhole() throws IOException {
        assertArrayEquals(new byte[100], cut(100, 100).readAllBytes());
        InputStream bytewise = cut(3, 3);
        for (int i = 0; i < 3; i++) {
            assertEquals(0, bytewise.read());
        }
        assertEquals(-1, bytewise.read());
    }

    @Test
    void oneByteMoreIsRefusedAndNothingFurtherIsRead() throws IOException {
        assertThrows(Refused.class, () -> cut(101, 100).readAllBytes());
        InputStream bytewise = cut(5, 3);
        assertEquals(3, bytewise.skip(3));
        assertThrows(Refused.class, bytewise::read);
        assertThrows(Refused.class, bytewise::read, "and again, never a silent end of the stream");

        long[] asked = {0};
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 0;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                asked[0] += len;
                return len;
            }
        };
        InputStream limited = new LimitedInputStream(endless, 1000, Refused::new);
        assertThrows(Refused.class, () -> limited.read(new byte[64 * 1024]));
        assertEquals(1001, asked[0], "one byte past the limit, not a buffer's worth");
    }
}
