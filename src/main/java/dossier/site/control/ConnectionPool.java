package dossier.site.control;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;

/**
 * Payara's pool of the application's own data source ({@code @DataSourceDefinition}), read for {@code /metrics}.
 * Payara offers no supported way to see it: its pool monitoring leaves data sources defined by an application out
 * (and needs an agent this JVM may refuse), and its connection-pool health check looks only at pools of the server's
 * configuration. So this reads the pool manager's own table (Payara 6.2025.10: {@code PoolManagerImpl.poolTable},
 * each {@code ResourcePool}'s status, size and wait queue) through reflection. When a Payara upgrade moves these,
 * {@link #find} says why and the pool's figures are simply not served.
 */
public final class ConnectionPool {

    private static final String POOL_PREFIX = "__datasource_definition/";

    private final Object manager;
    private final Field table;
    private final Method status;
    private final Method used;
    private final Method free;
    private final Method maxSize;
    private final Method waitQueue;
    private final Method queueLength;
    private final String suffix;
    private final String ownName;

    /** The connections of the pool at one moment. */
    public record Figures(int inUse, int free, int max, int waiting) {
    }

    private ConnectionPool(Object manager, Field table, ClassLoader loader, String dataSource, String application)
            throws ReflectiveOperationException {
        this.manager = manager;
        this.table = table;
        Class<?> pool = Class.forName("com.sun.enterprise.resource.pool.ResourcePool", false, loader);
        Class<?> poolStatus = Class.forName("com.sun.enterprise.resource.pool.PoolStatus", false, loader);
        Class<?> queue = Class.forName("com.sun.enterprise.resource.pool.waitqueue.PoolWaitQueue", false, loader);
        this.status = pool.getMethod("getPoolStatus");
        this.used = poolStatus.getMethod("getNumConnUsed");
        this.free = poolStatus.getMethod("getNumConnFree");
        this.maxSize = pool.getMethod("getMaxPoolSize");
        this.waitQueue = pool.getMethod("getPoolWaitQueue");
        this.queueLength = queue.getMethod("getQueueLength");
        this.suffix = "/" + dataSource;
        this.ownName = POOL_PREFIX + application + "/" + dataSource;
    }

    /**
     * The pool of the data source {@code dataSource} ({@code java:app/jdbc/…}) of the application {@code application},
     * or why it cannot be read on this server.
     */
    public static Optional<ConnectionPool> find(String dataSource, String application, StringBuilder why) {
        try {
            ClassLoader loader = ConnectionPool.class.getClassLoader();
            Object locator = Class.forName("org.glassfish.internal.api.Globals", true, loader).getMethod("getDefaultHabitat").invoke(null);
            Class<?> managerType = Class.forName("com.sun.enterprise.resource.pool.PoolManager", false, loader);
            Object manager = locator.getClass().getMethod("getService", Class.class, java.lang.annotation.Annotation[].class)
                    .invoke(locator, managerType, new java.lang.annotation.Annotation[0]);
            if (manager == null) {
                why.append("the server has no pool manager");
                return Optional.empty();
            }
            Field table = null;
            for (Class<?> c = manager.getClass(); c != null && table == null; c = c.getSuperclass()) {
                try {
                    table = c.getDeclaredField("poolTable");
                } catch (NoSuchFieldException e) {
                    // its superclass, then
                }
            }
            if (table == null || !Map.class.isAssignableFrom(table.getType())) {
                why.append("the pool manager ").append(manager.getClass().getName()).append(" keeps no pool table");
                return Optional.empty();
            }
            table.setAccessible(true);
            return Optional.of(new ConnectionPool(manager, table, loader, dataSource, application));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            why.append(e);
            return Optional.empty();
        }
    }

    /** The figures now; empty while the pool does not exist yet (it is made with the first connection). */
    public Optional<Figures> figures() {
        try {
            Object pool = pool();
            if (pool == null) {
                return Optional.empty();
            }
            Object s = status.invoke(pool);
            Object queue = waitQueue.invoke(pool);
            return Optional.of(new Figures((Integer) used.invoke(s), (Integer) free.invoke(s), (Integer) maxSize.invoke(pool),
                    queue == null ? 0 : (Integer) queueLength.invoke(queue)));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Payara's pool can no longer be read", e);
        }
    }

    /** This application's pool of the data source; another application's of the same name only when it is the one. */
    private Object pool() throws IllegalAccessException {
        Object only = null;
        int matches = 0;
        for (Map.Entry<?, ?> entry : ((Map<?, ?>) table.get(manager)).entrySet()) {
            String name = String.valueOf(entry.getKey());
            if (name.endsWith(ownName)) {
                return entry.getValue();
            }
            if (name.contains(POOL_PREFIX) && name.endsWith(suffix)) {
                only = entry.getValue();
                matches++;
            }
        }
        return matches == 1 ? only : null;
    }
}
