package io.synthkit.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The report's charts as inline SVG, written in Java so the page needs no script library and no network. Every chart
 * is one {@code <svg data-chart="ID">} element with a title, axes and a legend; values carry {@code <title>} tooltips.
 * Stateless and thread-safe.
 */
final class Svg {

  /** Series colours: colour-blind-safe (Okabe-Ito). */
  static final List<String> PALETTE = List.of("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00",
      "#F0E442", "#000000");

  private static final int WIDTH = 640;
  private static final int HEIGHT = 300;
  private static final int LEFT = 56;
  private static final int RIGHT = 16;
  private static final int TOP = 34;
  private static final int BOTTOM = 44;

  private Svg() {}

  /**
   * A line series.
   *
   * @param name legend text
   * @param values one value per x position; null leaves a gap
   */
  record Series(String name, List<Double> values) {}

  /**
   * A labelled bar.
   *
   * @param label the bar's label
   * @param value its length
   * @param tooltip hover text
   */
  record Bar(String label, double value, String tooltip) {}

  /**
   * A scatter group.
   *
   * @param name legend text
   * @param x x coordinates
   * @param y y coordinates
   * @param tooltips one hover text per point
   */
  record Group(String name, double[] x, double[] y, List<String> tooltips) {}

  /** A line chart over categorical x positions. */
  static String lines(String id, String title, List<String> xLabels, List<Series> series, String xTitle,
      String yTitle) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (Series s : series) {
      for (Double v : s.values()) {
        if (v != null) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
    }
    double[] range = niceRange(lo == Double.POSITIVE_INFINITY ? 0 : Math.min(0, lo), hi == Double.NEGATIVE_INFINITY
        ? 1 : hi);
    StringBuilder sb = open(id, title, HEIGHT);
    yAxis(sb, range, yTitle);
    int n = xLabels.size();
    int step = Math.max(1, (int) Math.ceil(n / 12.0));
    for (int i = 0; i < n; i++) {
      if (i % step == 0 || i == n - 1) {
        sb.append(text(xAt(i, n), HEIGHT - BOTTOM + 16, xLabels.get(i), "middle", "tick"));
      }
    }
    sb.append(text(LEFT + plotWidth() / 2.0, HEIGHT - 6, xTitle, "middle", "axis-title"));
    for (int s = 0; s < series.size(); s++) {
      String color = PALETTE.get(s % PALETTE.size());
      List<Double> values = series.get(s).values();
      StringBuilder path = new StringBuilder();
      boolean pen = false;
      for (int i = 0; i < values.size(); i++) {
        Double v = values.get(i);
        if (v == null) {
          pen = false;
          continue;
        }
        path.append(pen ? " L" : " M").append(f(xAt(i, n))).append(' ').append(f(yAt(v, range)));
        pen = true;
      }
      sb.append("<path class=\"series\" fill=\"none\" stroke=\"").append(color).append("\" stroke-width=\"2\" d=\"")
          .append(path.toString().strip()).append("\"/>");
      for (int i = 0; i < values.size(); i++) {
        Double v = values.get(i);
        if (v != null && n <= 60) {
          sb.append("<circle cx=\"").append(f(xAt(i, n))).append("\" cy=\"").append(f(yAt(v, range)))
              .append("\" r=\"3\" fill=\"").append(color).append("\"><title>")
              .append(Html.escape(series.get(s).name() + " @ " + xLabels.get(i) + ": " + num(v)))
              .append("</title></circle>");
        }
      }
    }
    legend(sb, series.stream().map(Series::name).toList());
    return sb.append("</svg>").toString();
  }

  /** Horizontal bars, largest first as given. */
  static String bars(String id, String title, List<Bar> bars, String valueTitle) {
    int rowHeight = 22;
    int height = TOP + BOTTOM + rowHeight * Math.max(1, bars.size());
    int labelWidth = 180;
    double max = bars.stream().mapToDouble(Bar::value).max().orElse(1);
    double[] range = niceRange(0, max <= 0 ? 1 : max);
    StringBuilder sb = open(id, title, height);
    double x0 = labelWidth;
    double width = WIDTH - RIGHT - x0;
    for (int i = 0; i < bars.size(); i++) {
      Bar b = bars.get(i);
      double y = TOP + i * rowHeight;
      double w = width * b.value() / range[1];
      sb.append(text(x0 - 6, y + rowHeight * 0.65, Html.clip(b.label(), 28), "end", "tick"));
      sb.append("<rect class=\"bar\" x=\"").append(f(x0)).append("\" y=\"").append(f(y + 3)).append("\" width=\"")
          .append(f(Math.max(w, 0.5))).append("\" height=\"").append(rowHeight - 6).append("\" fill=\"")
          .append(PALETTE.get(0)).append("\"><title>").append(Html.escape(b.tooltip())).append("</title></rect>");
      sb.append(text(x0 + w + 4, y + rowHeight * 0.65, num(b.value()), "start", "value"));
    }
    sb.append(text(x0 + width / 2, height - 8, valueTitle, "middle", "axis-title"));
    return sb.append("</svg>").toString();
  }

  /** A histogram over bin edges. */
  static String histogram(String id, String title, List<Double> edges, List<Long> counts, String xTitle) {
    long max = counts.stream().mapToLong(Long::longValue).max().orElse(1);
    double[] range = niceRange(0, Math.max(1, max));
    StringBuilder sb = open(id, title, HEIGHT);
    yAxis(sb, range, "records");
    int n = counts.size();
    double w = plotWidth() / (double) n;
    for (int i = 0; i < n; i++) {
      double h = plotHeight() * counts.get(i) / range[1];
      String tip = String.format(Locale.ROOT, "[%s, %s%s: %d", num(edges.get(i)), num(edges.get(i + 1)),
          i == n - 1 ? "]" : ")", counts.get(i));
      sb.append("<rect class=\"bar\" x=\"").append(f(LEFT + i * w + 1)).append("\" y=\"")
          .append(f(TOP + plotHeight() - h)).append("\" width=\"").append(f(Math.max(w - 2, 0.5)))
          .append("\" height=\"").append(f(h)).append("\" fill=\"").append(PALETTE.get(0)).append("\"><title>")
          .append(Html.escape(tip)).append("</title></rect>");
    }
    for (int i = 0; i <= n; i += Math.max(1, n / 5)) {
      sb.append(text(LEFT + i * w, HEIGHT - BOTTOM + 16, num(edges.get(i)), "middle", "tick"));
    }
    sb.append(text(LEFT + plotWidth() / 2.0, HEIGHT - 6, xTitle, "middle", "axis-title"));
    return sb.append("</svg>").toString();
  }

  /** A scatter plot of several groups on shared, equal-aspect-free axes. */
  static String scatter(String id, String title, List<Group> groups, String xTitle, String yTitle) {
    double xlo = Double.POSITIVE_INFINITY;
    double xhi = Double.NEGATIVE_INFINITY;
    double ylo = Double.POSITIVE_INFINITY;
    double yhi = Double.NEGATIVE_INFINITY;
    for (Group g : groups) {
      for (int i = 0; i < g.x().length; i++) {
        xlo = Math.min(xlo, g.x()[i]);
        xhi = Math.max(xhi, g.x()[i]);
        ylo = Math.min(ylo, g.y()[i]);
        yhi = Math.max(yhi, g.y()[i]);
      }
    }
    double[] xr = pad(xlo, xhi);
    double[] yr = pad(ylo, yhi);
    StringBuilder sb = open(id, title, HEIGHT + 80);
    int height = HEIGHT + 80;
    double pw = plotWidth();
    double ph = height - TOP - BOTTOM;
    sb.append("<rect class=\"frame\" x=\"").append(LEFT).append("\" y=\"").append(TOP).append("\" width=\"")
        .append(f(pw)).append("\" height=\"").append(f(ph)).append("\" fill=\"none\"/>");
    for (int gi = 0; gi < groups.size(); gi++) {
      Group g = groups.get(gi);
      String color = PALETTE.get(gi % PALETTE.size());
      // Seeds and references are few: draw them larger, on top of the generated cloud.
      String r = gi == 0 ? "2.5" : "4";
      for (int i = 0; i < g.x().length; i++) {
        double cx = LEFT + pw * (g.x()[i] - xr[0]) / (xr[1] - xr[0]);
        double cy = TOP + ph - ph * (g.y()[i] - yr[0]) / (yr[1] - yr[0]);
        sb.append("<circle cx=\"").append(f(cx)).append("\" cy=\"").append(f(cy)).append("\" r=\"").append(r)
            .append("\" fill=\"").append(color).append("\" fill-opacity=\"").append(gi == 0 ? "0.45" : "0.9")
            .append("\"><title>").append(Html.escape(g.tooltips().get(i))).append("</title></circle>");
      }
    }
    sb.append(text(LEFT + pw / 2, height - 6, xTitle, "middle", "axis-title"));
    sb.append(text(14, TOP + ph / 2, yTitle, "middle", "axis-title", "rotate(-90 14 " + f(TOP + ph / 2) + ")"));
    legend(sb, groups.stream().map(g -> g.name() + " (" + g.x().length + ")").toList());
    return sb.append("</svg>").toString();
  }

  private static StringBuilder open(String id, String title, int height) {
    StringBuilder sb = new StringBuilder();
    sb.append("<svg data-chart=\"").append(Html.escape(id)).append("\" class=\"chart\" role=\"img\" aria-label=\"")
        .append(Html.escape(title)).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
        .append("\" xmlns=\"http://www.w3.org/2000/svg\">");
    sb.append(text(LEFT, 20, title, "start", "chart-title"));
    return sb;
  }

  private static void yAxis(StringBuilder sb, double[] range, String yTitle) {
    for (double t : ticks(range)) {
      double y = yAt(t, range);
      sb.append("<line class=\"grid\" x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT)
          .append("\" y1=\"").append(f(y)).append("\" y2=\"").append(f(y)).append("\"/>");
      sb.append(text(LEFT - 6, y + 4, num(t), "end", "tick"));
    }
    sb.append(text(14, TOP + plotHeight() / 2.0, yTitle, "middle", "axis-title",
        "rotate(-90 14 " + f(TOP + plotHeight() / 2.0) + ")"));
  }

  private static void legend(StringBuilder sb, List<String> names) {
    double x = WIDTH - RIGHT;
    List<String> items = new ArrayList<>(names);
    // Right-aligned, laid out from the right edge leftwards.
    for (int i = items.size() - 1; i >= 0; i--) {
      String name = Html.clip(items.get(i), 30);
      double w = 16 + name.length() * 6.2;
      x -= w;
      sb.append("<rect x=\"").append(f(x)).append("\" y=\"10\" width=\"10\" height=\"10\" fill=\"")
          .append(PALETTE.get(i % PALETTE.size())).append("\"/>");
      sb.append(text(x + 13, 19, name, "start", "legend"));
      x -= 8;
    }
  }

  private static String text(double x, double y, String s, String anchor, String cls) {
    return text(x, y, s, anchor, cls, null);
  }

  private static String text(double x, double y, String s, String anchor, String cls,
      @Nullable String transform) {
    return "<text x=\"" + f(x) + "\" y=\"" + f(y) + "\" text-anchor=\"" + anchor + "\" class=\"" + cls + "\""
        + (transform == null ? "" : " transform=\"" + transform + "\"") + ">" + Html.escape(s) + "</text>";
  }

  private static double plotWidth() {
    return WIDTH - LEFT - RIGHT;
  }

  private static double plotHeight() {
    return HEIGHT - TOP - BOTTOM;
  }

  private static double xAt(int i, int n) {
    return n <= 1 ? LEFT + plotWidth() / 2 : LEFT + plotWidth() * i / (n - 1);
  }

  private static double yAt(double v, double[] range) {
    return TOP + plotHeight() - plotHeight() * (v - range[0]) / (range[1] - range[0]);
  }

  /** Rounds a range out to "nice" tick boundaries (1, 2, 5 × 10^k). */
  static double[] niceRange(double lo, double hi) {
    if (hi <= lo) {
      hi = lo + 1;
    }
    double step = niceStep((hi - lo) / 5);
    return new double[] {Math.floor(lo / step) * step, Math.ceil(hi / step) * step, step};
  }

  private static double niceStep(double raw) {
    double mag = Math.pow(10, Math.floor(Math.log10(raw)));
    double r = raw / mag;
    return (r <= 1 ? 1 : r <= 2 ? 2 : r <= 5 ? 5 : 10) * mag;
  }

  private static List<Double> ticks(double[] range) {
    List<Double> out = new ArrayList<>();
    for (double t = range[0]; t <= range[1] + range[2] / 2; t += range[2]) {
      out.add(Math.abs(t) < range[2] / 1e6 ? 0 : t);
    }
    return out;
  }

  private static double[] pad(double lo, double hi) {
    if (!(hi > lo)) {
      return new double[] {lo - 1, lo + 1};
    }
    double p = (hi - lo) * 0.04;
    return new double[] {lo - p, hi + p};
  }

  static String num(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    String s = Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%.0f", v)
        : Math.abs(v) >= 1 ? String.format(Locale.ROOT, "%.2f", v) : String.format(Locale.ROOT, "%.3f", v);
    // 12.20 reads as 12.2; keep integers as they are.
    return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
  }

  private static String f(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
