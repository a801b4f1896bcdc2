using System.Globalization;
using System.Text;

namespace Rinkel.Benchmarks;

/// <summary>A measured value: a time in milliseconds or a size in bytes.</summary>
internal sealed record Quantity(string Label, double Value, string Unit)
{
    public string Text => Format(Value, Unit);

    public static string Format(double value, string unit) => unit switch
    {
        "ms" => value >= 100
            ? value.ToString("N0", CultureInfo.InvariantCulture) + " ms"
            : value.ToString("0.0#", CultureInfo.InvariantCulture) + " ms",
        "MB" => value.ToString("N1", CultureInfo.InvariantCulture) + " MB",
        _ => value.ToString("N2", CultureInfo.InvariantCulture) + " " + unit,
    };
}

internal enum CheckKind
{
    /// <summary>The figure must be at least Limit times faster: baseline / measured >= Limit.</summary>
    FasterBy,

    /// <summary>The figure may be at most Limit times the baseline: measured / baseline &lt;= Limit.</summary>
    AtMost,
}

/// <summary>One ratio of a figure to one of its baselines; without a limit it is shown but not judged.</summary>
internal sealed record Check(string Baseline, CheckKind Kind, double? Limit)
{
    public double Ratio(double measured, double baseline) =>
        Kind == CheckKind.FasterBy ? baseline / measured : measured / baseline;

    public bool? Met(double measured, double baseline) =>
        Limit is double limit ? (Kind == CheckKind.FasterBy ? Ratio(measured, baseline) >= limit : Ratio(measured, baseline) <= limit) : null;

    public string RatioText(double measured, double baseline) => Kind == CheckKind.FasterBy
        ? string.Create(CultureInfo.InvariantCulture, $"{Ratio(measured, baseline):0.0}x faster than {Baseline}")
        : string.Create(CultureInfo.InvariantCulture, $"{Ratio(measured, baseline):0.00}x {Baseline}");

    public string TargetText => Limit is not double limit
        ? "-"
        : Kind == CheckKind.FasterBy
            ? string.Create(CultureInfo.InvariantCulture, $">= {limit:0.##}x faster than {Baseline}")
            : string.Create(CultureInfo.InvariantCulture, $"<= {limit:0.##}x {Baseline}");
}

/// <summary>One row of the table: a figure, its baselines (keyed "(a)", "(b)", ...), and the ratios to judge.</summary>
internal sealed class Figure
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public required Quantity Measured { get; init; }
    public List<(string Key, Quantity Value)> Baselines { get; init; } = [];
    public List<Check> Checks { get; init; } = [];
    public List<string> Notes { get; init; } = [];

    public double Baseline(string key) => Baselines.Single(b => b.Key == key).Value.Value;

    public bool? Verdict
    {
        get
        {
            var judged = Checks.Select(c => c.Met(Measured.Value, Baseline(c.Baseline))).Where(m => m.HasValue).ToList();
            return judged.Count == 0 ? null : judged.All(m => m!.Value);
        }
    }

    /// <summary>The median of each value over several runs of the same figure.</summary>
    public static Figure Median(IReadOnlyList<Figure> runs)
    {
        var first = runs[0];
        return new Figure
        {
            Id = first.Id,
            Title = first.Title,
            Measured = first.Measured with { Value = Stats.Median(runs.Select(r => r.Measured.Value)) },
            Baselines = first.Baselines
                .Select(b => (b.Key, b.Value with { Value = Stats.Median(runs.Select(r => r.Baseline(b.Key))) }))
                .ToList(),
            Checks = first.Checks,
            Notes = runs.Count == 1 ? first.Notes : [.. first.Notes.Select(n => "run 1: " + n), .. runs[^1].Notes.Select(n => $"run {runs.Count}: " + n)],
        };
    }
}

internal static class Table
{
    public static string Render(IEnumerable<Figure> figures)
    {
        var rows = new List<string[]> { new[] { "figure", "measured", "baseline(s)", "ratio(s)", "target", "result" } };
        foreach (var f in figures)
        {
            rows.Add(
            [
                f.Title,
                f.Measured.Text,
                string.Join("; ", f.Baselines.Select(b => $"{b.Key} {b.Value.Label}: {b.Value.Text}")),
                string.Join("; ", f.Checks.Select(c => c.RatioText(f.Measured.Value, f.Baseline(c.Baseline)))),
                string.Join("; ", f.Checks.Where(c => c.Limit.HasValue).Select(c => c.TargetText)) is { Length: > 0 } t ? t : "(info)",
                f.Verdict switch { true => "PASS", false => "MISS", null => "-" },
            ]);
        }

        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        var sb = new StringBuilder();
        for (var r = 0; r < rows.Count; r++)
        {
            sb.Append('|');
            for (var c = 0; c < widths.Length; c++) sb.Append(' ').Append(rows[r][c].PadRight(widths[c])).Append(" |");
            sb.Append('\n');
            if (r == 0)
            {
                sb.Append('|');
                foreach (var w in widths) sb.Append(new string('-', w + 2)).Append('|');
                sb.Append('\n');
            }
        }

        return sb.ToString();
    }

    public static string Notes(IEnumerable<Figure> figures)
    {
        var sb = new StringBuilder();
        foreach (var f in figures.Where(f => f.Notes.Count > 0))
        {
            sb.Append("- ").Append(f.Title).Append('\n');
            foreach (var note in f.Notes) sb.Append("    ").Append(note).Append('\n');
        }

        return sb.ToString();
    }
}

internal static class Stats
{
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        if (sorted.Length == 0) throw new InvalidOperationException("No values to take the median of.");
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    public static string Spread(IReadOnlyCollection<double> values, string unit) =>
        values.Count <= 1
            ? ""
            : $" (min {Quantity.Format(values.Min(), unit)}, max {Quantity.Format(values.Max(), unit)}, n={values.Count})";

    public static string Ms(double value) => Quantity.Format(value, "ms");

    public static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
