// SPDX-License-Identifier: MIT
using System.Globalization;
using System.Runtime.CompilerServices;

namespace ModelCompiler.LeastSquares;

/// <summary>
/// The largest |cos| between the residual vector f and a free column of the weighted Jacobian J at a point (MINPACK's
/// scaled gradient, the quantity its gtol bounds), the free parameter whose column it is (−1 when there is none), and
/// ‖f‖ there.
/// </summary>
internal readonly record struct ResidualAlignment(double Cosine, int Column, double ResidualNorm)
{
    public static ResidualAlignment None => new(0, -1, double.NaN);
}

/// <summary>
/// Whether a fit that stopped by its function, parameter or rounding test stopped at a least-squares solution. There
/// Jᵀf = 0: f is orthogonal to every column of J not held on a bound. The tests themselves only say that the last
/// steps changed little, which also happens far from a solution, where the model flattens (a decay time run off toward
/// ∞, a peak moved off the data) or ends (a model undefined just beyond the point): the trust region shrinks to
/// nothing and the fit reports convergence with f still along a column. MINPACK and scipy report those as converged.
/// Here such a stop becomes <see cref="FitTermination.Stalled"/> when the cosine exceeds
/// <see cref="MaxCosine"/> and ‖f‖ is far enough above the noise of the model's values for the cosine to mean
/// something. A converged fit's cosine is about √ftol or below (10⁻⁴ at scipy's tolerances, far less at ours), a stall's
/// 0.01–1. Over the test suite's fits, the cosines above 0.01 fell in two groups: stalls, at 2–230 % relative residual,
/// and noise, with ‖f‖ below 10⁻¹⁵·‖√w·y‖ (near-exact data) or within an ODE's integration tolerance.
/// A fit that runs off to where the gradient itself vanishes (a decay turned into a straight line as its amplitude and
/// lifetime grow together without bound) is stationary in the limit and is not caught here.
/// </summary>
internal static class Stationarity
{
    public const double MaxCosine = 0.01;

    // Below this many times the values' relative noise times ‖√w·y‖, f is mostly that noise, and so is its direction.
    private const double NoiseMargin = 100;
    // The relative error of a closed-form model's values: a few roundings per operation.
    private const double RoundingNoise = 10 * 2.220446049250313e-16;

    /// <summary>
    /// The stop as reported: <see cref="FitTermination.Stalled"/> in place of a function, parameter or rounding stop
    /// at a point that is not stationary, otherwise <paramref name="termination"/>. <paramref name="responseNorm"/> is
    /// ‖√w·y‖, and <paramref name="modelNoise"/> the relative error of the model's values beyond rounding (an ODE's
    /// integration tolerance; 0 for closed forms). <paramref name="stepLeavesDomain"/> says that the Gauss–Newton step
    /// from the point made the model not finite: at a solution that step is tiny, so the point is against the edge of the
    /// model's domain, with the solution beyond it. That edge can hide from the cosine (a·√(x − c) at c → x₀: ∂f/∂c grows
    /// without bound at x₀, where f vanishes, and the column's norm drowns the rest).
    /// </summary>
    public static FitTermination Judge(FitTermination termination, ResidualAlignment alignment, double responseNorm, double modelNoise,
                                       bool stepLeavesDomain = false)
    {
        bool claimsConvergence = termination is FitTermination.FunctionTolerance or FitTermination.ParameterTolerance
            or FitTermination.MachinePrecision;
        double noise = NoiseMargin * Math.Max(RoundingNoise, modelNoise) * responseNorm;
        bool aligned = alignment.Cosine > MaxCosine && alignment.ResidualNorm > noise;
        return claimsConvergence && (aligned || stepLeavesDomain) ? FitTermination.Stalled : termination;
    }

    /// <summary>Why a stalled fit is reported so, naming the parameter (<paramref name="names"/> are the free ones).</summary>
    public static string Describe(FitTermination stopped, ResidualAlignment alignment, IReadOnlyList<string> names, bool stepLeavesDomain) =>
        stepLeavesDomain
        ? string.Format(CultureInfo.InvariantCulture,
            "the iteration stopped as if converged ({0}), but against the edge of the model's domain: the Gauss–Newton step " +
            "from here makes the model not finite, so the least-squares solution lies where the model is undefined. Check " +
            "the model's domain against the data (a point at x = 0 under a square root or a logarithm, for instance), or " +
            "bound the parameters", FitResultBuilder.Describe(stopped))
        : string.Format(CultureInfo.InvariantCulture,
            "the iteration stopped as if converged ({0}), but the residuals still lie along ∂f/∂{1} (cosine {2:G2} > {3}): " +
            "this is not a least-squares solution. A parameter may have run off toward where the model flattens, or the model " +
            "may be undefined just beyond this point; try another start or bounds",
            FitResultBuilder.Describe(stopped), names[alignment.Column], alignment.Cosine, MaxCosine);

    /// <summary>From the m×k column-major weighted Jacobian and f at <paramref name="point"/> (free parameters).</summary>
    public static ResidualAlignment FromJacobian(ReadOnlySpan<double> jacobian, ReadOnlySpan<double> residuals, int m, int k,
                                                 ReadOnlySpan<double> point, ReadOnlySpan<double> lower, ReadOnlySpan<double> upper)
    {
        Span<double> gradient = stackalloc double[k], norms = stackalloc double[k];
        for (int j = 0; j < k; j++)
        {
            ReadOnlySpan<double> column = jacobian.Slice(j * m, m);
            gradient[j] = DenseOps.Dot(column, residuals);
            norms[j] = MinpackKernels.Norm(column);
        }
        return FromGradient(gradient, norms, MinpackKernels.Norm(residuals), point, lower, upper);
    }

    /// <summary>From the normal equations: JᵀJ (k×k; its diagonal is read) and Jᵀf.</summary>
    public static ResidualAlignment FromNormalEquations(ReadOnlySpan<double> gram, ReadOnlySpan<double> gradient, double residualNorm,
                                                        ReadOnlySpan<double> point, ReadOnlySpan<double> lower, ReadOnlySpan<double> upper)
    {
        int k = gradient.Length;
        Span<double> norms = stackalloc double[k];
        for (int j = 0; j < k; j++)
            norms[j] = Math.Sqrt(gram[j * k + j]);
        return FromGradient(gradient, norms, residualNorm, point, lower, upper);
    }

    /// <summary>From an unpivoted J = Q₀·R₀ (R₀ k×k column-major, upper triangular) and Q₀ᵀf: Jᵀf = R₀ᵀQ₀ᵀf, ‖J e_j‖ = ‖R₀ e_j‖.</summary>
    public static ResidualAlignment FromTriangle(ReadOnlySpan<double> triangle, ReadOnlySpan<double> projected, double residualNorm,
                                                 ReadOnlySpan<double> point, ReadOnlySpan<double> lower, ReadOnlySpan<double> upper)
    {
        int k = projected.Length;
        Span<double> gradient = stackalloc double[k], norms = stackalloc double[k];
        for (int j = 0; j < k; j++)
        {
            ReadOnlySpan<double> column = triangle.Slice(j * k, j + 1);
            gradient[j] = DenseOps.Dot(column, projected[..(j + 1)]);
            norms[j] = MinpackKernels.Norm(column);
        }
        return FromGradient(gradient, norms, residualNorm, point, lower, upper);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static ResidualAlignment FromGradient(ReadOnlySpan<double> gradient, ReadOnlySpan<double> columnNorms, double residualNorm,
                                                  ReadOnlySpan<double> point, ReadOnlySpan<double> lower, ReadOnlySpan<double> upper)
    {
        var largest = new ResidualAlignment(0, -1, residualNorm);
        if (!(residualNorm > 0) || !double.IsFinite(residualNorm))
            return largest;
        for (int j = 0; j < gradient.Length; j++)
        {
            // A parameter held on its bound is at its constrained optimum whatever its gradient.
            if (columnNorms[j] == 0 || (!lower.IsEmpty && ActiveBounds.IsHeld(point[j], lower[j], upper[j], gradient[j])))
                continue;
            double cosine = Math.Abs(gradient[j]) / columnNorms[j] / residualNorm;
            if (cosine > largest.Cosine)
                largest = new ResidualAlignment(cosine, j, residualNorm);
        }
        return largest;
    }
}
