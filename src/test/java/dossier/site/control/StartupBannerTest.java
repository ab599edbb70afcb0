package dossier.site.control;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StartupBannerTest {

    @Test
    void aDatabaseAddressIsShownWithoutItsCredentials() {
        assertEquals("jdbc:postgresql://db:5432/dossier?user=***&password=***",
                StartupBanner.withoutCredentials("jdbc:postgresql://db:5432/dossier?user=dossier&password=s3cret"));
        assertEquals("jdbc:postgresql://***@db/dossier", StartupBanner.withoutCredentials("jdbc:postgresql://me:s3cret@db/dossier"));
        assertEquals("jdbc:h2:file:/data/db/dossier;WRITE_DELAY=0",
                StartupBanner.withoutCredentials("jdbc:h2:file:/data/db/dossier;WRITE_DELAY=0"));
        assertEquals("jdbc:h2:file:/d;PASSWORD=***;x=1", StartupBanner.withoutCredentials("jdbc:h2:file:/d;PASSWORD=p;x=1"));
    }
}
