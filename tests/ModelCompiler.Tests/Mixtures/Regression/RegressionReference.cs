// SPDX-License-Identifier: MIT
using System.Globalization;
using System.Text.Json;
using ModelCompiler.Mixtures.Regression;

namespace ModelCompiler.Tests.Mixtures.Regression;

/// <summary>
/// A mix-* reference of Data/mixtures (R mixtools 2.0.0 / flexmix 2.3-18 fits, copied unchanged from the shared
/// reference set; see its README): the x and y columns and the JSON document.
/// </summary>
internal sealed class RegressionReference
{
    public required double[] X { get; init; }
    public required double[] Y { get; init; }
    public required JsonElement Root { get; init; }

    public int FixedIterations => Root.GetProperty("n_fixed").GetInt32();

    public static RegressionReference Load(string name)
    {
        string dir = Path.Combine(AppContext.BaseDirectory, "Data", "mixtures");
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, name + ".json")));
        string[] lines = File.ReadAllLines(Path.Combine(dir, name + ".csv"));
        var x = new double[lines.Length - 1];
        var y = new double[lines.Length - 1];
        for (int i = 1; i < lines.Length; i++)
        {
            string[] cells = lines[i].Split(',');
            x[i - 1] = double.Parse(cells[0], CultureInfo.InvariantCulture);
            y[i - 1] = double.Parse(cells[1], CultureInfo.InvariantCulture);
        }
        return new RegressionReference { X = x, Y = y, Root = doc.RootElement.Clone() };
    }

    /// <summary>The peers' start θ₀ from the JSON's <c>init</c>, with the given EM settings.</summary>
    public RegressionMixtureOptions StartOptions(double tolerance, int maxIterations)
    {
        var init = Root.GetProperty("init");
        return new RegressionMixtureOptions
        {
            InitialWeights = MixtureReference.Flat(init.GetProperty("weights")),
            InitialParameters = MixtureReference.Matrix(init.GetProperty("coef")),
            InitialScales = MixtureReference.Flat(init.GetProperty("scale")),
            Tolerance = tolerance,
            MaxIterations = maxIterations,
        };
    }

    public double[] Values(string fit, string key) => MixtureReference.Flat(Root.GetProperty(fit).GetProperty(key));

    public static double[] Coefficients(RegressionMixtureResult result) =>
        result.Components.SelectMany(c => c.Parameters).ToArray();

    public static double[] Scales(RegressionMixtureResult result) => result.Components.Select(c => c.Scale).ToArray();

    public static double[] Weights(RegressionMixtureResult result) => result.Components.Select(c => c.Weight).ToArray();
}
