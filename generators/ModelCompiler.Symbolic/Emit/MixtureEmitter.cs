// SPDX-License-Identifier: MIT
using ModelCompiler.Generators.Model;
using ModelCompiler.Generators.Symbolic;

namespace ModelCompiler.Generators.Emit;

/// <summary>
/// Writes the <c>{Method}Mixture</c> type of a model carrying <c>[MixtureModel]</c>: its component count, its noise,
/// and the kernel of the K residual vectors and their log-densities, built on the model's vectorized Evaluate.
/// </summary>
internal static class MixtureEmitter
{
    // ln √(2π) and ln 2, to 17 significant digits: the constants of the Gaussian and Laplace log-densities.
    private const string LogSqrtTwoPi = "0.91893853320467274";
    private const string LogTwo = "0.69314718055994531";

    public static void Write(SourceWriter w, CompiledModel model)
    {
        var spec = model.Spec;
        var mixture = spec.Mixture!;
        bool laplace = mixture.Noise == MixtureSpec.Laplace;
        string modelType = spec.ModelTypeName;
        int p = spec.Parameters.Count;
        string density = laplace ? "Laplace(r; 0, bₖ) = exp(−|r|/bₖ) / (2bₖ)" : "N(r; 0, σₖ²) = exp(−r²/(2σₖ²)) / (σₖ√(2π))";

        w.Line();
        w.Line("/// <summary>");
        string variables = string.Join(", ", spec.Variables);
        w.Line($"/// A mixture of {mixture.Components} regressions y = {spec.MethodName}({variables}; θₖ) + εₖ with {(laplace ? "Laplace" : "Gaussian")} noise,");
        w.Line($"/// θₖ = ({string.Join(", ", spec.Parameters)}) and εₖ ~ {density}.");
        w.Line($"/// Fit it with <c>RegressionMixture.Fit&lt;{spec.MixtureTypeName}, {modelType}&gt;</c>.");
        w.Line("/// </summary>");
        w.Line($"[global::System.CodeDom.Compiler.GeneratedCode(\"ModelCompiler.Generators\", \"{GeneratorInfo.Version}\")]");
        w.Open($"{spec.Accessibility} readonly struct {spec.MixtureTypeName} : global::ModelCompiler.Mixtures.Regression.IRegressionMixture<{modelType}>");
        w.Line("/// <inheritdoc/>");
        w.Line($"public static int Components => {mixture.Components};");
        w.Line();
        w.Line("/// <inheritdoc/>");
        w.Line($"public static global::ModelCompiler.Noise Noise => global::ModelCompiler.Noise.{(laplace ? "Laplace" : "Gaussian")};");
        w.Line();
        w.Line("/// <inheritdoc/>");
        w.Line("public static void ComponentLogDensities(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReadOnlySpan<double> parameters,");
        w.Line("                                         ReadOnlySpan<double> scales, Span<double> residuals, Span<double> logDensity)");
        w.Line("{");
        w.Line("    int n = y.Length;");
        string xLength = spec.Variables.Count == 1 ? "n" : $"{spec.Variables.Count} * n";
        w.Line($"    if (x.Length != {xLength} || parameters.Length != {mixture.Components * p} || scales.Length != {mixture.Components}");
        w.Line($"        || residuals.Length != {mixture.Components} * n || logDensity.Length != {mixture.Components} * n)");
        w.Line($"        throw new ArgumentException(\"Expected x of {(spec.Variables.Count == 1 ? "n values" : spec.Variables.Count + "·n values")}, {mixture.Components * p} parameters, {mixture.Components} scales, and residuals and logDensity of {mixture.Components}·n for n = y.Length.\");");
        w.Line("    ref double yRef = ref MemoryMarshal.GetReference(y);");
        w.Line($"    for (int k = 0; k < {mixture.Components}; k++)");
        w.Line("    {");
        w.Line("        Span<double> r = residuals.Slice(k * n, n);");
        w.Line("        Span<double> d = logDensity.Slice(k * n, n);");
        w.Line("        // g(x; θₖ) at every point by the model's vectorized kernel, then r = y − g in place.");
        w.Line($"        {modelType}.Evaluate(x, parameters.Slice(k * {p}, {p}), r);");
        if (laplace)
        {
            w.Line("        // ln Laplace(r; 0, b) = −ln 2 − ln b − |r|/b");
            w.Line($"        double constant = -{LogTwo} - global::System.Math.Log(scales[k]);");
            w.Line("        double inverseScale = 1 / scales[k];");
        }
        else
        {
            w.Line("        // ln N(r; 0, σ²) = −ln √(2π) − ln σ − r²/(2σ²)");
            w.Line($"        double constant = -{LogSqrtTwoPi} - global::System.Math.Log(scales[k]);");
            w.Line("        double halfPrecision = 0.5 / (scales[k] * scales[k]);");
        }
        string scale = laplace ? "inverseScale" : "halfPrecision";
        w.Line("        ref double rRef = ref MemoryMarshal.GetReference(r);");
        w.Line("        ref double dRef = ref MemoryMarshal.GetReference(d);");
        w.Line("        // The widest accelerated vectors take the points in blocks, with the scalar loop's operations in its order,");
        w.Line("        // so every point gets the same bits on every path; the scalar loop finishes the tail.");
        w.Line("        int i = 0;");
        foreach (string width in new[] { "512", "256" })
        {
            string vector = $"Vector{width}";
            w.Line(width == "512" ? $"        if ({vector}.IsHardwareAccelerated)" : $"        else if ({vector}.IsHardwareAccelerated)");
            w.Line("        {");
            w.Line($"            {vector}<double> constantV = {vector}.Create(constant);");
            w.Line($"            {vector}<double> {scale}V = {vector}.Create({scale});");
            w.Line($"            for (; i <= n - {vector}<double>.Count; i += {vector}<double>.Count)");
            w.Line("            {");
            w.Line($"                {vector}<double> e = {vector}.LoadUnsafe(ref yRef, (nuint)i) - {vector}.LoadUnsafe(ref rRef, (nuint)i);");
            w.Line("                e.StoreUnsafe(ref rRef, (nuint)i);");
            w.Line(laplace
                ? $"                (constantV - {vector}.Abs(e) * inverseScaleV).StoreUnsafe(ref dRef, (nuint)i);"
                : "                (constantV - halfPrecisionV * e * e).StoreUnsafe(ref dRef, (nuint)i);");
            w.Line("            }");
            w.Line("        }");
        }
        w.Line("        for (; i < n; i++)");
        w.Line("        {");
        w.Line("            double e = y[i] - r[i];");
        w.Line("            r[i] = e;");
        w.Line(laplace ? "            d[i] = constant - global::System.Math.Abs(e) * inverseScale;" : "            d[i] = constant - halfPrecision * e * e;");
        w.Line("        }");
        w.Line("    }");
        w.Line("}");
        w.Close();
    }
}
