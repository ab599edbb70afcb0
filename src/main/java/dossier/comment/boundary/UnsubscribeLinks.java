package dossier.comment.boundary;

import dossier.site.control.SignedLinks;
import jakarta.enterprise.context.ApplicationScoped;

/** The unsubscribe address of notification mails proves itself by its signed token ({@link NotificationPages}). */
@ApplicationScoped
public class UnsubscribeLinks implements SignedLinks {

    @Override
    public boolean provesItself(String path) {
        return "unsubscribe".equals(path);
    }
}
