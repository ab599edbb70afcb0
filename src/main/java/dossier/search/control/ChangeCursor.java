package dossier.search.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * Where a follower of the change log stands. The log's line numbers are consecutive but transactions commit in
 * any order, so a number skipped in what was read is a <em>hole</em>: a line not committed yet (asked for again
 * on every round) or rolled back (given up after {@code settleMillis}). Everything up to {@link #floor()} is
 * applied for good: that is what an index commit remembers, and where a restarted node reads on from.
 */
public final class ChangeCursor {

    private long maxSeen;
    private final TreeMap<Long, Long> holes = new TreeMap<>();
    private final long settleMillis;

    public ChangeCursor(long floor, long settleMillis) {
        this.maxSeen = floor;
        this.settleMillis = settleMillis;
    }

    /** Read the log after this number. */
    public long maxSeen() {
        return maxSeen;
    }

    /** Ask for these numbers again. */
    public Set<Long> holes() {
        return holes.navigableKeySet();
    }

    /**
     * Takes the numbers of lines just read (after {@link #maxSeen()}, or among the holes), in ascending order,
     * and returns those not seen before: the lines to apply.
     */
    public List<Long> accept(List<Long> ids, long nowMillis) {
        List<Long> fresh = new ArrayList<>();
        for (long id : ids) {
            if (id > maxSeen) {
                for (long skipped = maxSeen + 1; skipped < id; skipped++) {
                    holes.put(skipped, nowMillis);
                }
                maxSeen = id;
                fresh.add(id);
            } else if (holes.remove(id) != null) {
                fresh.add(id);
            }
        }
        holes.values().removeIf(noticed -> nowMillis - noticed > settleMillis);
        return fresh;
    }

    /** Every line up to here is applied (or was rolled back). */
    public long floor() {
        return holes.isEmpty() ? maxSeen : holes.firstKey() - 1;
    }
}
