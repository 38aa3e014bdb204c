// SPDX-License-Identifier: MIT
using System.Globalization;
using System.Text;

namespace ModelCompiler.LeastSquares;

/// <summary>
/// The outcome of a batch fit, in compact arrays indexed by curve: curve c's parameter j at
/// <c>Parameters[c * ParameterCount + j]</c> (and likewise its standard error), its RSS, termination, iterations and
/// evaluations at index c. Each curve's numbers are what <see cref="CurveFit"/>'s single fit reports for it (to
/// rounding): standard errors as curve_fit's, √diag(pcov), 0 for a fixed parameter and +∞ where the covariance is
/// undefined (rank-deficient or not finite).
/// </summary>
public sealed class BatchFitResult
{
    /// <summary>
    /// Zeroed results for <paramref name="curveCount"/> curves of <paramref name="pointCount"/> points, to be filled in:
    /// what a batch fit starts from, and what a reader of stored results (a cluster's partition files) fills.
    /// </summary>
    /// <exception cref="ArgumentException">A count is negative, or the names are missing.</exception>
    public BatchFitResult(string formula, IReadOnlyList<string> parameterNames, int curveCount, int pointCount)
    {
        ArgumentNullException.ThrowIfNull(formula);
        ArgumentNullException.ThrowIfNull(parameterNames);
        if (curveCount < 0 || pointCount < 0)
            throw new ArgumentException($"Counts must be ≥ 0; got {curveCount} curves of {pointCount} points.", curveCount < 0 ? nameof(curveCount) : nameof(pointCount));
        Formula = formula;
        ParameterNames = parameterNames;
        CurveCount = curveCount;
        PointCount = pointCount;
        int p = parameterNames.Count;
        Parameters = new double[(long)curveCount * p];
        StandardErrors = new double[(long)curveCount * p];
        ResidualSumOfSquares = new double[curveCount];
        Terminations = new FitTermination[curveCount];
        Iterations = new int[curveCount];
        Evaluations = new int[curveCount];
    }

    /// <summary>The model formula.</summary>
    public string Formula { get; }

    /// <summary>Parameter names in the model's order.</summary>
    public IReadOnlyList<string> ParameterNames { get; }

    /// <summary>Number of parameters P (fixed ones included).</summary>
    public int ParameterCount => ParameterNames.Count;

    /// <summary>Number of curves.</summary>
    public int CurveCount { get; }

    /// <summary>Points per curve.</summary>
    public int PointCount { get; }

    /// <summary>Fitted values, curve after curve (CurveCount × P, row-major).</summary>
    public double[] Parameters { get; }

    /// <summary>Standard errors √diag(pcov), curve after curve (CurveCount × P, row-major).</summary>
    public double[] StandardErrors { get; }

    /// <summary>Σwᵢ(f(xᵢ) − yᵢ)² per curve at its fitted parameters.</summary>
    public double[] ResidualSumOfSquares { get; }

    /// <summary>Why each curve's fit stopped.</summary>
    public FitTermination[] Terminations { get; }

    /// <summary>Accepted steps per curve.</summary>
    public int[] Iterations { get; }

    /// <summary>
    /// Model evaluations per curve. A batch evaluation computes the values and the normal equations at once and
    /// counts once.
    /// </summary>
    public int[] Evaluations { get; }

    /// <summary>Curve <paramref name="curve"/>'s fitted parameters.</summary>
    public ReadOnlySpan<double> ParametersOf(int curve) => Parameters.AsSpan(curve * ParameterCount, ParameterCount);

    /// <summary>Curve <paramref name="curve"/>'s standard errors.</summary>
    public ReadOnlySpan<double> StandardErrorsOf(int curve) => StandardErrors.AsSpan(curve * ParameterCount, ParameterCount);

    /// <summary>Whether curve <paramref name="curve"/>'s fit converged (as <see cref="CurveFitResult.IsConverged"/>).</summary>
    public bool IsConverged(int curve) => Terminations[curve] <= FitTermination.DirectSolution;

    /// <summary>Number of curves whose fit converged.</summary>
    public int ConvergedCount => Terminations.Count(t => t <= FitTermination.DirectSolution);

    /// <summary>
    /// Whether curve <paramref name="curve"/>'s fit converged to parameters the data determine: converged, with every
    /// standard error finite. A converged fit with an infinite standard error found a minimum along which some
    /// parameters trade off without changing the fit (a decay too slow or too fast for the points to show, say); its
    /// values are one point of that set, not estimates.
    /// </summary>
    public bool IsDetermined(int curve)
    {
        if (!IsConverged(curve))
            return false;
        foreach (double error in StandardErrorsOf(curve))
            if (!double.IsFinite(error))
                return false;
        return true;
    }

    /// <summary>A summary: curves, how many converged, and how the others stopped.</summary>
    public override string ToString()
    {
        var ci = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.Append(ci, $"Batch fit of {Formula}: {CurveCount} curves of {PointCount} points, ");
        int converged = ConvergedCount;
        text.Append(ci, $"{converged} converged ({(CurveCount == 0 ? 0 : 100.0 * converged / CurveCount):F2}%)");
        int undetermined = Enumerable.Range(0, CurveCount).Count(c => IsConverged(c) && !IsDetermined(c));
        if (undetermined > 0)
            text.Append(ci, $", {undetermined} of them with a parameter the data do not determine (standard error ∞)");
        foreach (var group in Terminations.Where(t => t > FitTermination.DirectSolution).GroupBy(t => t).OrderBy(g => g.Key))
            text.Append(ci, $", {group.Count()} {group.Key}");
        return text.Append('.').ToString();
    }
}
