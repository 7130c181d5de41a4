package io.cairn.api.replication;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A replication schedule in Harbor's cron form: six fields, {@code sec min hour dom mon dow}, read
 * as Harbor's parser (robfig/cron with a seconds field and no descriptors) reads them. Each field
 * is a comma list of {@code *} or {@code ?}, a value, or a range {@code a-b}, each with an optional
 * {@code /step}; months and weekdays also by their three-letter English names. Like Harbor, the
 * seconds field must be {@code 0}: a schedule is at most once a minute. Times are UTC, as Harbor's
 * scheduler keeps them. Immutable and pure.
 */
public final class Cron {
  private static final List<String> FIELDS =
      List.of("seconds", "minutes", "hours", "day of month", "month", "day of week");
  private static final int[] MIN = {0, 0, 0, 1, 1, 0};
  private static final int[] MAX = {59, 59, 23, 31, 12, 6};
  private static final List<String> MONTHS =
      List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
  private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

  /** A search for the next firing gives up this many years on (as robfig's does). */
  private static final int HORIZON_YEARS = 5;

  private final String text;

  /** Bit {@code v} set: value {@code v} of that field matches. Indexed as {@link #FIELDS}. */
  private final long[] allowed;

  /** Whether day of month, and day of week, were {@code *} or {@code ?} (not restricted). */
  private final boolean anyDayOfMonth;

  private final boolean anyDayOfWeek;

  private Cron(String text, long[] allowed, boolean anyDayOfMonth, boolean anyDayOfWeek) {
    this.text = text;
    this.allowed = allowed;
    this.anyDayOfMonth = anyDayOfMonth;
    this.anyDayOfWeek = anyDayOfWeek;
  }

  /**
   * The schedule {@code text} describes.
   *
   * @throws IllegalArgumentException saying, in one line, what is wrong: the field count, a field,
   *     a seconds field other than 0, or a schedule that never fires (31 February)
   */
  public static Cron parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("the cron string is empty");
    }
    String[] fields = text.strip().split("\\s+");
    if (fields.length != FIELDS.size()) {
      throw new IllegalArgumentException(
          "the cron string must have 6 fields (seconds minutes hours day-of-month month"
              + " day-of-week), not "
              + fields.length);
    }
    if (!fields[0].equals("0")) {
      throw new IllegalArgumentException(
          "the 1st field (seconds) of the cron string must be 0, not '" + fields[0] + "'");
    }
    long[] allowed = new long[fields.length];
    for (int i = 0; i < fields.length; i++) {
      allowed[i] = field(i, fields[i]);
    }
    Cron cron = new Cron(text.strip(), allowed, isAny(fields[3]), isAny(fields[5]));
    if (cron.next(Instant.EPOCH).isEmpty()) {
      throw new IllegalArgumentException("the cron string '" + text + "' never fires");
    }
    return cron;
  }

  /** The text it was parsed from, without surrounding white space. */
  public String text() {
    return text;
  }

  /**
   * The first firing strictly after {@code after}, to the second; empty if there is none within
   * five years (which only a day that does not exist, such as 30 February, can cause).
   */
  public Optional<Instant> next(Instant after) {
    LocalDateTime t =
        LocalDateTime.ofInstant(after, ZoneOffset.UTC)
            .truncatedTo(ChronoUnit.SECONDS)
            .plusSeconds(1);
    int limit = t.getYear() + HORIZON_YEARS;
    while (t.getYear() <= limit) {
      if (!matches(4, t.getMonthValue())) {
        t = t.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).plusMonths(1);
      } else if (!dayMatches(t)) {
        t = t.truncatedTo(ChronoUnit.DAYS).plusDays(1);
      } else if (!matches(2, t.getHour())) {
        t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
      } else if (!matches(1, t.getMinute())) {
        t = t.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
      } else if (!matches(0, t.getSecond())) {
        t = t.plusSeconds(1);
      } else {
        return Optional.of(t.toInstant(ZoneOffset.UTC));
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return text;
  }

  private boolean matches(int field, int value) {
    return (allowed[field] & (1L << value)) != 0;
  }

  /**
   * Robfig's (and Vixie cron's) rule: if either day field is unrestricted both must match, else
   * either may.
   */
  private boolean dayMatches(LocalDateTime t) {
    boolean dom = matches(3, t.getDayOfMonth());
    boolean dow = matches(5, t.getDayOfWeek().getValue() % 7);
    return anyDayOfMonth || anyDayOfWeek ? dom && dow : dom || dow;
  }

  private static boolean isAny(String field) {
    return field.equals("*") || field.equals("?") || field.equals("*/1") || field.equals("?/1");
  }

  /** The values field {@code index} allows, as bits. */
  private static long field(int index, String field) {
    long bits = 0;
    for (String term : field.split(",", -1)) {
      bits |= term(index, term);
    }
    return bits;
  }

  private static long term(int index, String term) {
    String[] rangeAndStep = term.split("/", -1);
    if (term.isEmpty() || rangeAndStep.length > 2) {
      throw invalid(index, term, "is not a value, a range or a step");
    }
    int min = MIN[index];
    int max = MAX[index];
    int start;
    int end;
    String range = rangeAndStep[0];
    String[] bounds = range.split("-", -1);
    if (range.equals("*") || range.equals("?")) {
      start = min;
      end = max;
    } else if (bounds.length == 1) {
      start = value(index, bounds[0]);
      end = rangeAndStep.length == 2 ? max : start; // "N/step" means N-max/step
    } else if (bounds.length == 2) {
      start = value(index, bounds[0]);
      end = value(index, bounds[1]);
    } else {
      throw invalid(index, term, "has more than one '-'");
    }
    int step = rangeAndStep.length == 2 ? step(index, term, rangeAndStep[1]) : 1;
    if (start < min || end > max) {
      throw invalid(index, term, "is outside " + min + "-" + max);
    }
    if (start > end) {
      throw invalid(index, term, "ends before it starts");
    }
    long bits = 0;
    for (int v = start; v <= end; v += step) {
      bits |= 1L << v;
    }
    return bits;
  }

  private static int step(int index, String term, String step) {
    if (!step.matches("[0-9]{1,2}") || Integer.parseInt(step) == 0) {
      throw invalid(index, term, "needs a step of 1-99");
    }
    return Integer.parseInt(step);
  }

  /** A number, or (months and weekdays) a three-letter name. */
  private static int value(int index, String text) {
    String upper = text.toUpperCase(Locale.ROOT);
    if (index == 4 && MONTHS.contains(upper)) {
      return MONTHS.indexOf(upper) + 1;
    }
    if (index == 5 && DAYS.contains(upper)) {
      return DAYS.indexOf(upper);
    }
    if (!text.matches("[0-9]{1,2}")) {
      throw invalid(index, text, "is not a number" + (index >= 4 ? " or a name" : ""));
    }
    return Integer.parseInt(text);
  }

  private static IllegalArgumentException invalid(int index, String term, String why) {
    return new IllegalArgumentException(
        "the " + FIELDS.get(index) + " field of the cron string: '" + term + "' " + why);
  }
}
