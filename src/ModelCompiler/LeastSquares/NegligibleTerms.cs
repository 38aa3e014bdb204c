// SPDX-License-Identifier: MIT
using System.Globalization;

namespace ModelCompiler.LeastSquares;

/// <summary>
/// Parameters that act on the model only through a term below its rounding: a decay a·e^(−t/τ) whose fitted amplitude a
/// is a few ulps of the data (a flat curve, noise-free) leaves τ's column of the Jacobian proportional to that a. The
/// column is tiny but not zero, so the rank test of <see cref="CovarianceEstimate"/>, which scales every column to unit
/// norm, passes it, and τ gets a finite standard error made of rounding: a fit reported determined where nothing was.
/// With a exactly 0 the column is 0 and the rank test catches it; this check makes a rounding-level a count as 0.
/// </summary>
internal static class NegligibleTerms
{
    /// <summary>A term whose weighted norm is at most this many ulps of the data's is below what the data can show.</summary>
    private const double Ulps = 64;

    private const double MachineEpsilon = 2.220446049250313e-16;

    /// <summary>
    /// Why the covariance is undefined, or null: a free parameter k is affine (its column does not change when it goes
    /// to 0), its term |p_k|·‖∂f/∂p_k‖ is at most <see cref="Ulps"/>·ε·‖√w·y‖, and the columns of other free parameters
    /// vanish with it, which those parameters then act through alone. <paramref name="columnNorms"/> are the weighted
    /// Jacobian's column norms at <paramref name="parameters"/> for the <paramref name="free"/> parameters, in order; only a
    /// curve with such a small term costs a model evaluation, two for each such term.
    /// </summary>
    public static string? Find<TModel>(ReadOnlySpan<double> x, int pointCount, ReadOnlySpan<double> parameters, ReadOnlySpan<int> free,
                                       ReadOnlySpan<double> columnNorms, double responseNorm, out bool[] vanishedFree)
        where TModel : IModel
    {
        vanishedFree = [];
        double threshold = Ulps * MachineEpsilon * responseNorm;
        bool any = false;
        for (int a = 0; a < free.Length; a++)
            any |= IsCandidate(parameters[free[a]], columnNorms[a], threshold);
        if (!any)
            return null;

        int n = pointCount, p = parameters.Length;
        var values = new double[n];
        var reference = new double[n * p];
        var zeroed = new double[n * p];
        double[] point = parameters.ToArray();
        TModel.EvaluateWithJacobian(x, point, values, reference);
        for (int a = 0; a < free.Length; a++)
        {
            int k = free[a];
            if (!IsCandidate(parameters[k], columnNorms[a], threshold))
                continue;
            point[k] = 0;
            TModel.EvaluateWithJacobian(x, point, values, zeroed);
            point[k] = parameters[k];
            if (!Finite(zeroed) || !Column(zeroed, k, n).SequenceEqual(Column(reference, k, n)))
                continue;   // not affine in p_k, or not defined at p_k = 0
            var vanished = new List<string>();
            var gone = new bool[free.Length];
            for (int b = 0; b < free.Length; b++)
            {
                int j = free[b];
                if (j != k && Column(reference, j, n).ContainsAnyExcept(0.0) && !Column(zeroed, j, n).ContainsAnyExcept(0.0))
                {
                    vanished.Add(TModel.ParameterNames[j]);
                    gone[b] = true;
                }
            }
            if (vanished.Count == 0)
                continue;
            vanishedFree = gone;
            string names = string.Join(", ", vanished);
            string name = TModel.ParameterNames[k];
            return string.Create(CultureInfo.InvariantCulture,
                $"the term of {name} is below the rounding of the data (|{name}|·‖∂f/∂{name}‖ = {Math.Abs(parameters[k]) * columnNorms[a]:G3} ≤ " +
                $"{Ulps}ε·‖y‖ = {threshold:G3}), and {names} {(vanished.Count == 1 ? "acts" : "act")} on the model through it alone: " +
                $"the data cannot determine {names}");
        }
        return null;
    }

    /// <summary>
    /// The unscaled standard errors of the free parameters (+∞ for the <paramref name="vanished"/> ones) and their
    /// covariance, from the weighted Jacobian without the vanished parameters' columns: the model without the term below
    /// the rounding, whose other parameters the data still determine (b of a·e^(−t/τ) + b on a flat curve). Null when that
    /// Jacobian is rank deficient too.
    /// </summary>
    public static (double[] Errors, double[,] Covariance, int Rank)? WithoutVanished<TModel>(ReadOnlySpan<double> x, int pointCount,
        ReadOnlySpan<double> parameters, ReadOnlySpan<int> free, ReadOnlySpan<double> sqrtWeights, bool[] vanished)
        where TModel : IModel
    {
        int k = free.Length;
        var kept = Enumerable.Range(0, k).Where(a => !vanished[a]).ToArray();
        var keptParameters = new int[kept.Length];
        for (int c = 0; c < kept.Length; c++)
            keptParameters[c] = free[kept[c]];
        var reduced = CovarianceEstimate.AtParameters<TModel>(x, pointCount, parameters, keptParameters, sqrtWeights);
        if (reduced.Matrix is not { } matrix)
            return null;
        var errors = new double[k];
        var covariance = new double[k, k];
        for (int a = 0; a < k; a++)
        {
            errors[a] = double.PositiveInfinity;
            for (int b = 0; b < k; b++)
                covariance[a, b] = double.PositiveInfinity;
        }
        for (int c = 0; c < kept.Length; c++)
        {
            errors[kept[c]] = reduced.Errors[c];
            for (int e = 0; e < kept.Length; e++)
                covariance[kept[c], kept[e]] = matrix[c, e];
        }
        return (errors, covariance, kept.Length);
    }

    private static bool IsCandidate(double value, double columnNorm, double threshold) =>
        value != 0 && columnNorm > 0 && Math.Abs(value) * columnNorm <= threshold;

    private static ReadOnlySpan<double> Column(double[] jacobian, int j, int n) => jacobian.AsSpan(j * n, n);

    private static bool Finite(double[] values) => DataSums.FirstNonFinite(values) < 0;
}
