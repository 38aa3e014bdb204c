// SPDX-License-Identifier: MIT
using System.Globalization;
using System.Text.Json;

namespace ModelCompiler.Tests.Ode;

/// <summary>
/// The ODE reference solutions in Data/ode (copied unchanged from the shared reference set; see its README): exact
/// solutions of the float64-stated problems, computed in multiple precision and rounded once to double.
/// </summary>
internal static class OdeReference
{
    private static readonly Dictionary<string, (string[] Header, double[][] Rows)> Cache = [];

    /// <summary>The CSV's columns by name, rows in file order.</summary>
    public static (double[] T, double[][] Columns) Load(string name, params string[] columns)
    {
        (string[] header, double[][] rows) = Read(name);
        var t = rows.Select(r => r[0]).ToArray();
        var selected = columns.Select(c =>
        {
            int index = Array.IndexOf(header, c);
            if (index < 0)
                throw new ArgumentException($"{name}.csv has no column {c}.");
            return rows.Select(r => r[index]).ToArray();
        }).ToArray();
        return (t, selected);
    }

    public static JsonElement Json(string name)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Data", "ode", name + ".json");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.Clone();
    }

    public static double[] Numbers(JsonElement array) =>
        array.EnumerateArray().Select(e => double.Parse(e.GetString()!, CultureInfo.InvariantCulture)).ToArray();

    private static (string[], double[][]) Read(string name)
    {
        lock (Cache)
        {
            if (Cache.TryGetValue(name, out var cached))
                return cached;
            string path = Path.Combine(AppContext.BaseDirectory, "Data", "ode", name + ".csv");
            string[] lines = File.ReadAllLines(path);
            string[] header = lines[0].Split(',');
            var rows = lines.Skip(1).Where(l => l.Length > 0)
                .Select(l => l.Split(',').Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray()).ToArray();
            Cache[name] = (header, rows);
            return (header, rows);
        }
    }
}
