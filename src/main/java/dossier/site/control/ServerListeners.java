package dossier.site.control;

import java.lang.annotation.Annotation;
import java.util.logging.Logger;

/**
 * Closes the server's HTTP listeners, the way {@code src/main/payara/postdeploy.asadmin} opened them: by the
 * server's own {@code set ... enabled=false} command, run in this JVM through the server's command runner. The
 * server has no public API for this (its Micro API runs commands through the cluster, which a single node does
 * not have), so it is reached by name; if a later server version moves it, {@link Drain} logs a warning and the
 * node stops as it did before.
 */
final class ServerListeners {

    private static final Logger LOG = Logger.getLogger(ServerListeners.class.getName());
    private static final String LISTENER = "configs.config.server-config.network-config.network-listeners.network-listener.";

    private ServerListeners() {
    }

    static void close() throws ReflectiveOperationException {
        ClassLoader loader = ServerListeners.class.getClassLoader();
        Object locator = Class.forName("org.glassfish.internal.api.Globals", true, loader)
                .getMethod("getDefaultBaseServiceLocator").invoke(null);
        Class<?> runnerType = Class.forName("org.glassfish.embeddable.CommandRunner", true, loader);
        Object runner = locator.getClass().getMethod("getService", Class.class, Annotation[].class)
                .invoke(locator, runnerType, new Annotation[0]);
        if (runner == null) {
            throw new ClassNotFoundException("the server has no command runner");
        }
        // The HTTPS listener first: it is off unless configured, and then this changes nothing.
        for (String listener : new String[] {"https-listener", "http-listener"}) {
            Object result = runnerType.getMethod("run", String.class, String[].class)
                    .invoke(runner, "set", new String[] {LISTENER + listener + ".enabled=false"});
            // Through the interface: the result's own class is not public.
            Object status = Class.forName("org.glassfish.embeddable.CommandResult", true, loader)
                    .getMethod("getExitStatus").invoke(result);
            LOG.fine(() -> listener + " disabled: " + status);
        }
    }
}
