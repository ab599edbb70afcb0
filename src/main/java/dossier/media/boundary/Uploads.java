package dossier.media.boundary;

import dossier.account.entity.Account;
import dossier.audit.boundary.AuditLog;
import dossier.media.control.MediaKinds;
import dossier.media.control.MediaStore;
import dossier.media.entity.Media;
import dossier.media.entity.MediaKind;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import jakarta.transaction.TransactionalException;
import jakarta.ws.rs.ClientErrorException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * The transactional facade of the media component: files are received into the store, checked for size and
 * kind, and recorded with their uploader in the database and the audit log. A file is on disk before its row
 * is committed, so every recorded file exists; a file whose recording failed is never served.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class Uploads implements dossier.site.control.LargeBodies {

    /** The addresses that take uploads, as JAX-RS paths: their bodies may be as large as {@link #maxRequestBytes()}. */
    public static final Set<String> PATHS = Set.of("media", "api/media");

    @Override
    public boolean accepts(String path) {
        return PATHS.contains(path);
    }
    /** Room for the other fields and the part headers of a multipart form, on top of the file. */
    static final long FORM_OVERHEAD = 64 * 1024;

    /** A stored file and the name it came with this time. */
    public record Upload(Media media, String name) {
    }

    /** A recorded file and where its bytes are. */
    public record Stored(Media media, Path path) {
    }

    @PersistenceContext(unitName = "dossier")
    EntityManager em;

    @Inject
    AuditLog audit;

    /** Itself through its proxy, so that {@link #record} runs in a transaction of its own. */
    @Inject
    Uploads self;

    @Inject
    @ConfigProperty(name = "dossier.data.dir", defaultValue = "./data")
    String dataDir;

    @Inject
    @ConfigProperty(name = "dossier.media.types", defaultValue = MediaKinds.DEFAULT)
    String types;

    @Inject
    @ConfigProperty(name = "dossier.media.max-bytes", defaultValue = "10485760")
    long maxBytes;

    MediaKinds kinds;
    MediaStore store;

    @PostConstruct
    void configure() {
        kinds = new MediaKinds(types);
        store = new MediaStore(Path.of(dataDir, MediaStore.FOLDER));
    }

    /** The largest request body an upload address takes: the file, plus a form's other fields. */
    @Override
    public long maxRequestBytes() {
        return maxBytes + FORM_OVERHEAD;
    }

    /** The answer to a file over the limit, the same wherever it is noticed. */
    @Override
    public ClientErrorException tooLarge() {
        return new ClientErrorException("The file is larger than " + size(maxBytes)
                + ", the most the site takes. Make it smaller (scale or compress an image) and try again.", 413);
    }

    /**
     * Takes a file: 413 over the size limit (reading no further than one byte past it), 415 when its content is
     * not of an accepted kind, whatever its name says; otherwise stored and recorded, with an audit line.
     */
    public Upload accept(Account uploader, String name, InputStream body) {
        Upload received = receive(uploader, name, body);
        try {
            return self.record(received);
        } catch (TransactionalException | PersistenceException sameNewFileAtTheSameMoment) {
            // The other upload's record committed first: this time it is found, not inserted.
            return self.record(received);
        }
    }

    private Upload receive(Account uploader, String name, InputStream body) {
        try (MediaStore.Incoming incoming = store.receive(body, maxBytes)) {
            if (incoming.size() > maxBytes) {
                throw tooLarge();
            }
            MediaKind kind = kinds.accept(incoming.head()).orElseThrow(() -> new ClientErrorException(
                    "This file is not one the site takes: upload " + kinds.describe()
                            + ". (The kind is told from the file's content, not from its name.)", 415));
            store.keep(incoming, kind);
            Media media = new Media(incoming.hash(), kind, incoming.size(), name, uploader.username(), Instant.now());
            return new Upload(media, Media.cleanName(name, kind));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Records a stored file and the audit line of its upload; the same content uploaded before keeps its first record. */
    @Transactional(Transactional.TxType.REQUIRED)
    public Upload record(Upload upload) {
        Media media = em.find(Media.class, upload.media().hash());
        if (media == null) {
            media = upload.media();
            em.persist(media);
        }
        audit.record(upload.media().uploadedBy(), "media.upload", media.fileName(),
                upload.name() + " (" + media.mediaType() + ", " + media.sizeBytes() + " bytes)");
        return new Upload(media, upload.name());
    }

    /** A recorded file by its name, {@code <sha256>.<ext>}; empty for any other name. */
    public Optional<Stored> file(String name) {
        return MediaStore.hashOf(name)
                .map(hash -> em.find(Media.class, hash))
                .filter(media -> media.fileName().equals(name))
                .flatMap(media -> store.find(name).map(path -> new Stored(media, path)));
    }

    /** "10 MB", "1536 KB", "900 bytes". */
    static String size(long bytes) {
        if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MB";
        }
        return bytes >= 1024 ? bytes / 1024 + " KB" : bytes + " bytes";
    }
}
