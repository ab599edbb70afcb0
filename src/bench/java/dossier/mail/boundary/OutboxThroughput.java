package dossier.mail.boundary;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dossier.mail.control.MailSettings;
import dossier.testing.Databases;
import dossier.testing.PostgresCluster;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.util.Locale;
import java.util.Map;

/**
 * Mails delivered per second from the outbox to a local SMTP server: the real outbox rows (H2 in memory, or a
 * throwaway PostgreSQL with "postgres"), the real sender's claims, MIME building, one SMTP connection per batch
 * and the marks, against GreenMail on a loopback port (over a socket). Each mail is a rendered verification mail.
 *
 * <pre>mvn -Pbench test-compile exec:java -Dexec.mainClass=dossier.mail.boundary.OutboxThroughput -Dexec.args="[mails] [h2|postgres] [rounds]"</pre>
 */
public final class OutboxThroughput {

    public static void main(String[] args) throws Exception {
        int mails = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        String database = args.length > 1 ? args[1] : "h2";
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int port = PostgresCluster.freePort();
        GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        PostgresCluster postgres = null;
        DataSource source;
        if (database.equals("postgres")) {
            postgres = PostgresCluster.start();
            PGSimpleDataSource pg = new PGSimpleDataSource();
            pg.setURL(postgres.jdbcUrl());
            pg.setUser("postgres");
            dossier.site.control.DatabaseSchema.migrate(pg);
            source = oneConnection(pg.getConnection());
        } else {
            source = Databases.freshH2();
        }
        EntityManagerFactory emf = Databases.open(source);
        EntityManager em = emf.createEntityManager();
        MailSettings settings = new MailSettings("127.0.0.1", port, "dossier@dossier.example", false, "https://dossier.example");
        Outbox outbox = Outboxes.on(em, settings);
        MailSender sender = Senders.on(em, settings);
        try {
            System.out.printf(Locale.ROOT, "Outbox -> GreenMail on 127.0.0.1:%d, %s, %d mails a round, batches of %d%n",
                    port, database, mails, MailSender.BATCH);
            int delivered = 0;
            for (int round = 1; round <= rounds; round++) {
                inTransaction(em, () -> {
                    for (int i = 0; i < mails; i++) {
                        outbox.enqueue("reader" + i + "@example.org", "Confirm your e-mail address", "verify-email", Map.of(
                                "username", "reader" + i, "link", "https://dossier.example/verify-email?token=" + "x".repeat(43),
                                "hours", 48));
                    }
                    return null;
                });
                // Baseline in the same round: the same messages built and sent over one connection, no outbox.
                long direct = System.nanoTime();
                jakarta.mail.Session session = settings.session();
                try (jakarta.mail.Transport transport = session.getTransport("smtp")) {
                    transport.connect(settings.host(), settings.port(), null, null);
                    for (int i = 0; i < mails; i++) {
                        var m = dossier.mail.control.Messages.build(session, settings.from(), "direct" + i + "@example.org",
                                "Confirm your e-mail address", "text " + i, "<p>html " + i + "</p>", settings.newMessageId(),
                                new java.util.Date());
                        transport.sendMessage(m, m.getAllRecipients());
                    }
                }
                delivered += mails;
                double directSeconds = (System.nanoTime() - direct) / 1e9;
                long start = System.nanoTime();
                while (sender.deliverBatch() > 0) {
                    em.clear();
                }
                delivered += mails;
                if (!smtp.waitForIncomingEmail(60_000, delivered)) {
                    throw new IllegalStateException("only " + smtp.getReceivedMessages().length + " of " + delivered + " arrived");
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf(Locale.ROOT, "round %d: outbox %d mails in %.2f s = %.0f mails/s; SMTP alone %.0f mails/s (outbox/SMTP %.2f)%n",
                        round, mails, seconds, mails / seconds, mails / directSeconds, directSeconds / seconds);
            }
        } finally {
            em.close();
            emf.close();
            smtp.stop();
            if (postgres != null) {
                postgres.close();
            }
        }
    }

    /**
     * One open connection for the single-threaded sender, as the server's connection pool keeps them open: without
     * it every transaction would open a new PostgreSQL connection, and the figure would measure that.
     */
    private static DataSource oneConnection(java.sql.Connection connection) {
        java.sql.Connection kept = (java.sql.Connection) java.lang.reflect.Proxy.newProxyInstance(
                OutboxThroughput.class.getClassLoader(), new Class<?>[] {java.sql.Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return (DataSource) java.lang.reflect.Proxy.newProxyInstance(OutboxThroughput.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> method.getName().equals("getConnection") ? kept
                        : method.getReturnType() == int.class ? 0 : null);
    }

    private static <T> T inTransaction(EntityManager em, java.util.function.Supplier<T> work) {
        return Senders.inTransaction(em, work);
    }
}
