// SPDX-License-Identifier: MIT
using ModelCompiler.Generators.Model;

namespace ModelCompiler.Generators.Emit;

/// <summary>
/// Writes <c>{Method}Mixture</c> for a model declared with <c>[MixtureModel]</c>: its K and noise as constants, the
/// per-point component residuals and log-densities over the generated <c>Evaluate</c>, and a <c>Fit</c> bound to them.
/// </summary>
internal static class MixtureEmitter
{
    private const string Regression = "global::ModelCompiler.Mixtures.Regression";

    public static void Write(SourceWriter w, ModelSpec spec, MixtureSpec mixture)
    {
        string type = spec.MethodName + "Mixture";
        string model = spec.ModelTypeName;
        bool gaussian = mixture.Noise == "Gaussian";
        w.Line("/// <summary>");
        w.Line($"/// A mixture of {mixture.Components} <c>{spec.MethodName}</c> regressions with {mixture.Noise} noise, as <c>[MixtureModel]</c> declares it:");
        w.Line($"/// y = {spec.MethodName}(x; θₖ) + εₖ with probability πₖ.");
        w.Line("/// </summary>");
        w.Line($"[global::System.CodeDom.Compiler.GeneratedCode(\"ModelCompiler.Generators\", \"{GeneratorInfo.Version}\")]");
        w.Open($"{spec.Accessibility} static class {type}");
        w.Line($"public const int Components = {mixture.Components};");
        w.Line();
        w.Line($"public const global::ModelCompiler.Noise Noise = global::ModelCompiler.Noise.{mixture.Noise};");
        w.Line();
        w.Line("/// <summary>");
        w.Line("/// For every component k and point i: the residual yᵢ − f(xᵢ; θₖ) into <paramref name=\"residuals\"/>[k·n + i] and");
        w.Line(gaussian
            ? "/// ln N(residual; 0, σₖ²) into <paramref name=\"logDensities\"/>[k·n + i]. θₖ is row k of <paramref name=\"coefficients\"/> (K×P)."
            : "/// ln Laplace(residual; 0, bₖ) into <paramref name=\"logDensities\"/>[k·n + i]. θₖ is row k of <paramref name=\"coefficients\"/> (K×P).");
        w.Line("/// </summary>");
        w.Open("public static void ResidualsAndLogDensities(ReadOnlySpan<double> xs, ReadOnlySpan<double> y, ReadOnlySpan<double> coefficients, ReadOnlySpan<double> scales, Span<double> residuals, Span<double> logDensities)");
        w.Line("int n = y.Length;");
        w.Open("if (coefficients.Length != Components * " + model + ".ParameterCount || scales.Length != Components || residuals.Length != Components * n || logDensities.Length != Components * n)");
        w.Line("throw new ArgumentException($\"Expected {Components}×{" + model + ".ParameterCount} coefficients, {Components} scales and {Components}×{n} residuals and log-densities.\");");
        w.Close();
        w.Open("for (int k = 0; k < Components; k++)");
        w.Line("Span<double> residual = residuals.Slice(k * n, n);");
        w.Line("Span<double> logDensity = logDensities.Slice(k * n, n);");
        w.Line($"{model}.Evaluate(xs, coefficients.Slice(k * {model}.ParameterCount, {model}.ParameterCount), residual);");
        w.Line("double scale = scales[k];");
        if (gaussian)
        {
            w.Line("double constant = -0.91893853320467274 - Math.Log(scale); // −½·ln 2π − ln σ");
            w.Line("double half = 0.5 / (scale * scale);");
        }
        else
        {
            w.Line("double constant = -Math.Log(2.0 * scale);");
            w.Line("double inverse = 1.0 / scale;");
        }
        w.Open("for (int i = 0; i < n; i++)");
        w.Line("double r = y[i] - residual[i];");
        w.Line("residual[i] = r;");
        w.Line(gaussian ? "logDensity[i] = constant - r * r * half;" : "logDensity[i] = constant - Math.Abs(r) * inverse;");
        w.Close();
        w.Close();
        w.Close();
        w.Line();
        w.Line("/// <summary>Fits the mixture by EM; the options' component count and noise are this declaration's.</summary>");
        w.Line($"public static {Regression}.RegressionMixtureResult Fit(double[] x, double[] y, {Regression}.RegressionMixtureOptions? options = null,");
        w.Line($"    {Regression}.RegressionMixtureStart? start = null, double[]? initialCoefficients = null,");
        w.Line("    IProgress<global::ModelCompiler.Mixtures.EmProgress>? progress = null, global::System.Threading.CancellationToken cancellationToken = default) =>");
        w.Line($"    {Regression}.RegressionMixture.Fit<{model}>(x, y, (options ?? new {Regression}.RegressionMixtureOptions()) with {{ Components = Components, Noise = Noise }},");
        w.Line("        start, initialCoefficients, progress, cancellationToken);");
        w.Close();
    }
}
