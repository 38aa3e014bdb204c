// SPDX-License-Identifier: MIT
using System.Globalization;
using System.Text.Json;

namespace ModelCompiler.Tests.Variational;

/// <summary>
/// Reads the blei-cavi-* references in Data/mixtures (copied unchanged from the shared reference set):
/// numpy float64 runs of scripts/blei_cavi.py, with the data in the CSV's leading d columns.
/// </summary>
internal sealed class BleiReference
{
    public required double[,] X { get; init; }
    public required int K { get; init; }
    public required double Sigma2 { get; init; }
    public required JsonElement[] Runs { get; init; }

    public static BleiReference Load(string name)
    {
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
        return new BleiReference
        {
            X = x,
            K = root.GetProperty("K").GetInt32(),
            Sigma2 = root.GetProperty("sigma2").GetDouble(),
            Runs = root.GetProperty("runs").EnumerateArray().ToArray(),
        };
    }
}
