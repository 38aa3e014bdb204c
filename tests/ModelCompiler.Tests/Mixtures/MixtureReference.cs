// SPDX-License-Identifier: MIT
using System.Globalization;
using System.Text.Json;
using ModelCompiler.Mixtures;

namespace ModelCompiler.Tests.Mixtures;

/// <summary>
/// Reads the scikit-learn 1.2.1 reference fits in Data/mixtures (copied unchanged from the shared
/// reference set; see its README): the CSV data and the JSON of fits, with nested arrays flattened
/// row-major.
/// </summary>
internal sealed class MixtureReference
{
    private static readonly Dictionary<string, MixtureReference> Cache = new();

    public required string Name { get; init; }
    public required double[,] X { get; init; }
    public required int K { get; init; }
    public required JsonElement[] Fits { get; init; }

    public static MixtureReference Load(string name)
    {
        lock (Cache)
        {
            if (Cache.TryGetValue(name, out var cached))
                return cached;
            string dir = Path.Combine(AppContext.BaseDirectory, "Data", "mixtures");
            using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, name + ".json")));
            JsonElement root = doc.RootElement.Clone();
            int d = root.GetProperty("d").GetInt32();
            string[] lines = File.ReadAllLines(Path.Combine(dir, name + ".csv"));
            var x = new double[lines.Length - 1, d];
            for (int i = 1; i < lines.Length; i++)
            {
                string[] cells = lines[i].Split(',');
                for (int j = 0; j < d; j++)
                    x[i - 1, j] = double.Parse(cells[j], CultureInfo.InvariantCulture);
            }
            var reference = new MixtureReference
            {
                Name = name,
                X = x,
                K = root.GetProperty("K").GetInt32(),
                Fits = root.GetProperty("fits").EnumerateArray().ToArray(),
            };
            Cache[name] = reference;
            return reference;
        }
    }

    public static double[] Flat(JsonElement e)
    {
        var values = new List<double>();
        void Walk(JsonElement v)
        {
            if (v.ValueKind == JsonValueKind.Array)
                foreach (JsonElement c in v.EnumerateArray())
                    Walk(c);
            else
                values.Add(v.GetDouble());
        }
        Walk(e);
        return values.ToArray();
    }

    public static double[,] Matrix(JsonElement e)
    {
        JsonElement[] rows = e.EnumerateArray().ToArray();
        int columns = rows[0].GetArrayLength();
        var m = new double[rows.Length, columns];
        for (int i = 0; i < rows.Length; i++)
            for (int j = 0; j < columns; j++)
                m[i, j] = rows[i][j].GetDouble();
        return m;
    }

    public static double[,] FirstRows(double[,] x, int count)
    {
        var m = new double[count, x.GetLength(1)];
        for (int i = 0; i < count; i++)
            for (int j = 0; j < x.GetLength(1); j++)
                m[i, j] = x[i, j];
        return m;
    }

    public static CovarianceType Type(string name) => name switch
    {
        "full" => CovarianceType.Full,
        "tied" => CovarianceType.Tied,
        "diag" => CovarianceType.Diagonal,
        "spherical" => CovarianceType.Spherical,
        _ => throw new ArgumentException(name),
    };
}
