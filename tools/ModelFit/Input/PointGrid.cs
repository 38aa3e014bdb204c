// SPDX-License-Identifier: MIT
using System.Globalization;

namespace ModelCompiler.ModelFit.Input;

/// <summary>
/// The x every curve of a many-curve fit shares, from <c>--x</c>: <c>t=0:0.25</c> (the variable t from 0 in steps of
/// 0.25, as many as the curves have points) or <c>t=0,0.5,2</c> (the values themselves); without <c>name=</c> the
/// variable is x.
/// </summary>
internal sealed record PointGrid(string Variable, double Start, double Step, double[]? Values)
{
    public static PointGrid Parse(string text)
    {
        string variable = "x", spec = text.Trim();
        int equals = spec.IndexOf('=');
        if (equals >= 0)
        {
            variable = spec[..equals].Trim();
            spec = spec[(equals + 1)..].Trim();
            if (variable.Length == 0)
                throw Usage(text, "the variable's name before '=' is empty");
        }
        if (spec.Contains(':'))
        {
            string[] parts = spec.Split(':');
            if (parts.Length != 2)
                throw Usage(text, "give start:step, as 0:0.25");
            double start = Number(parts[0], text), step = Number(parts[1], text);
            if (step == 0)
                throw Usage(text, "the step is 0");
            return new PointGrid(variable, start, step, null);
        }
        double[] values = spec.Split(',').Select(v => Number(v, text)).ToArray();
        return new PointGrid(variable, 0, 0, values);
    }

    /// <summary>The x of curves of <paramref name="pointCount"/> points.</summary>
    public double[] For(int pointCount, string dataPath)
    {
        if (Values is { } values)
        {
            if (values.Length != pointCount)
                throw new ModelFitException(ExitCode.Usage,
                    $"--x gives {values.Length} values but the curves in {dataPath} have {pointCount} points; give one x per point, or start:step.");
            return values;
        }
        return Enumerable.Range(0, pointCount).Select(i => Start + i * Step).ToArray();
    }

    private static double Number(string text, string whole) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value)
            ? value
            : throw Usage(whole, $"'{text.Trim()}' is not a finite number (invariant notation, as 0.25)");

    private static ModelFitException Usage(string text, string problem) => new(ExitCode.Usage, $"--x {text}: {problem}.");
}
