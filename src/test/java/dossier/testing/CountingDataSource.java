package dossier.testing;

import javax.sql.DataSource;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A data source that writes down every SQL statement executed through it, for tests that count the queries a
 * page costs. Statements are recorded when executed, so a statement prepared once and run twice counts twice.
 */
public final class CountingDataSource {

    private final List<String> executed = new CopyOnWriteArrayList<>();
    private final DataSource proxy;

    public CountingDataSource(DataSource target) {
        this.proxy = wrap(DataSource.class, target, null);
    }

    public DataSource dataSource() {
        return proxy;
    }

    /** The statements executed since the last call, and a fresh start. */
    public List<String> takeExecuted() {
        List<String> all = List.copyOf(executed);
        executed.clear();
        return all;
    }

    @SuppressWarnings("unchecked")
    private <T> T wrap(Class<T> type, T target, String sql) {
        InvocationHandler handler = (p, method, args) -> {
            Object result;
            try {
                result = method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            String name = method.getName();
            if (result instanceof Connection c && !(c instanceof Proxy)) {
                return wrap(Connection.class, c, null);
            }
            if (result instanceof Statement s && (name.equals("prepareStatement") || name.equals("prepareCall")
                    || name.equals("createStatement"))) {
                Class<? extends Statement> kind = name.equals("prepareCall") ? java.sql.CallableStatement.class
                        : name.equals("prepareStatement") ? java.sql.PreparedStatement.class : Statement.class;
                return wrapStatement(kind, s, args != null && args.length > 0 && args[0] instanceof String q ? q : null);
            }
            if (name.startsWith("execute") && sql != null || name.startsWith("execute") && args != null && args.length > 0
                    && args[0] instanceof String) {
                executed.add(sql != null ? sql : (String) args[0]);
            }
            return result;
        };
        return (T) Proxy.newProxyInstance(CountingDataSource.class.getClassLoader(), new Class<?>[]{type}, handler);
    }

    private <S extends Statement> Statement wrapStatement(Class<S> kind, Statement target, String sql) {
        return (Statement) wrapAs(kind, target, sql);
    }

    @SuppressWarnings("unchecked")
    private <T> T wrapAs(Class<T> type, Object target, String sql) {
        return wrap(type, (T) target, sql);
    }
}
