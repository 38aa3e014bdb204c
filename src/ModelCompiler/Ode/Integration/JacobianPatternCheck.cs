// SPDX-License-Identifier: MIT
using System.Globalization;

namespace ModelCompiler.Ode.Integration;

/// <summary>
/// A delegate problem's Jacobian pattern, checked at the start against f itself. Differences over a pattern that misses
/// nonzeros perturb together columns that share a row, and the entries they give are wrong, not just incomplete: on
/// y₀′ = −10y₀ + 9y₁, y₁′ = 9y₀ − 10y₁ declared diagonal, NDF returned 0.97 where y₀(1) = 0.184, and Rodas5P stayed 1%
/// off at every tolerance, each reporting Completed. The pattern's Jacobian times a direction d must be f's derivative
/// along d, by a central difference: three or so values of f beyond the Jacobian's own.
/// </summary>
internal static class JacobianPatternCheck
{
    private const double Epsilon = 2.220446049250313e-16;
    private const double CubeRootEpsilon = 6.0554544523933395e-6;

    /// <exception cref="ArgumentException">In some row, f's derivative along d and the pattern's Jacobian times d differ by more than 1% of the row's terms.</exception>
    public static void Require(DelegateFunction function, double t, ReadOnlySpan<double> y, (double[] Rtol, double[] Atol) tolerances)
    {
        int n = function.StateCount;
        var pattern = function.JacobianPattern;
        var f0 = new double[n];
        function.Evaluate(t, y, f0);
        if (!OdeContext<DelegateFunction>.AllFinite(f0))
            return;   // the integration reports a right-hand side that is not finite at the start
        // The Jacobian as the solver differences it, with its scales atol + rtol·|y|, and a direction in the same sizes,
        // every component nonzero and no two alike: larger steps across a state of scale 1e-12 would measure f's curvature,
        // not its slope, and call a right pattern wrong.
        var values = new double[pattern.ColumnIndices.Length];
        var scale = new double[n];
        for (int j = 0; j < n; j++)
            scale[j] = tolerances.Atol[j] + tolerances.Rtol[j] * Math.Abs(y[j]);
        function.Jacobian(t, y, f0, scale, values);
        var d = new double[n];
        for (int j = 0; j < n; j++)
            d[j] = (0.5 + (j + 1) * 0.6180339887498949 % 1) * Math.Max(Math.Abs(y[j]), scale[j]);
        double h = CubeRootEpsilon;
        var ahead = new double[n];
        var behind = new double[n];
        var point = new double[n];
        for (int j = 0; j < n; j++)
            point[j] = y[j] + h * d[j];
        function.Evaluate(t, point, ahead);
        for (int j = 0; j < n; j++)
            point[j] = y[j] - h * d[j];
        function.Evaluate(t, point, behind);
        if (!OdeContext<DelegateFunction>.AllFinite(ahead) || !OdeContext<DelegateFunction>.AllFinite(behind))
            return;   // at the edge of f's domain: nothing to compare

        var rowStarts = pattern.RowStarts;
        var columns = pattern.ColumnIndices;
        for (int i = 0; i < n; i++)
        {
            double along = 0, size = 0;
            for (int k = rowStarts[i]; k < rowStarts[i + 1]; k++)
            {
                along += values[k] * d[columns[k]];
                size += Math.Abs(values[k] * d[columns[k]]);
            }
            double slope = (ahead[i] - behind[i]) / (2 * h);
            // The forward differences of the pattern's Jacobian and the central one here differ by far less than 1% of
            // the row's terms where f is smooth; rounding in f contributes up to about 1e3·ε·|f|/h.
            double noise = 1e3 * Epsilon * Math.Max(Math.Abs(f0[i]), Math.Max(Math.Abs(ahead[i]), Math.Abs(behind[i]))) / h;
            if (Math.Abs(slope - along) > 0.01 * (size + Math.Abs(slope)) + noise)
                throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                    "problem.JacobianPattern leaves out nonzeros of ∂f/∂y: at the start, f[{0}] changes along a test direction at the " +
                    "rate {1:G4} by differences of f, but at {2:G4} by the Jacobian differenced over the pattern. Declare every " +
                    "entry that can be nonzero, or leave the pattern null (dense).", i, slope, along), "problem");
        }
    }
}
